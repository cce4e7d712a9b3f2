package org.i4tracker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Write load for backup tests: threads that keep creating a firm and its adoption through the API (two requests), each
 * firm's id recorded once both were acknowledged. {@link #close} stops them and fails the test if one of them failed.
 */
public final class FirmWriters implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code writers} threads writing into {@code district} with firm codes W{writer}-{n}. */
    public FirmWriters(Api api, long district, int writers) {
        for (int w = 0; w < writers; w++) {
            String prefix = "W" + w + "-";
            Thread writer = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    try {
                        acknowledged.add(createFirmWithAdoption(api, district, prefix + n));
                    } catch (Throwable t) {
                        failures.add(t);
                        return;
                    }
                }
            }, "firm-writer-" + w);
            writer.start();
            threads.add(writer);
        }
    }

    /** A firm (code {@code code}, NACE 25.62, 12 employees) and its ROBOTICS adoption; the firm's id. */
    public static long createFirmWithAdoption(Api api, long district, String code) {
        long firm = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"Firm " + code
                + "\",\"naceCode\":\"25.62\",\"employees\":12}");
        api.post("/api/v1/adoptions", "{\"firmId\":" + firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"2024-03-01\"}");
        return firm;
    }

    /** The firms whose two writes were acknowledged so far, in order. */
    public List<Long> acknowledged() {
        return new ArrayList<>(acknowledged);
    }

    /** Waits (60 s at most) until {@code atLeast} firms are acknowledged; fails at once when a writer failed. */
    public void await(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < atLeast) {
            if (!failures.isEmpty()) {
                fail("writers failed: " + failures);
            }
            if (System.nanoTime() > deadline) {
                fail("only " + acknowledged.size() + " of " + atLeast + " writes in time");
            }
            Thread.sleep(10);
        }
    }

    public int count() {
        return acknowledged.size();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread writer : threads) {
            writer.join(30_000);
        }
        assertTrue(failures.isEmpty(), () -> "writers failed: " + failures);
    }
}
