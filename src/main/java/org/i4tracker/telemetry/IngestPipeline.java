package org.i4tracker.telemetry;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.i4tracker.storage.SqlFailure;
import org.i4tracker.storage.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The no-loss path from the MQTT callback to the database: JSON decoded on the callback thread, a bounded queue (a full queue blocks
 * the callback thread, so the broker's in-flight window throttles the sender instead of anything
 * being dropped), one writer thread that commits batches of {@code batch-size} messages or
 * whatever arrived within {@code batch-max-wait}, and acknowledgements sent only after the commit.
 * A failing commit is retried; nothing is acknowledged until it succeeds.
 */
@Singleton
class IngestPipeline {

    /** Failures of one batch, other than an unavailable database, after which its messages are written one by one. */
    static final int ISOLATE_AFTER = 3;

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    /**
     * A message with what the callback thread already decoded from it (JSON topics only; Sparkplug
     * keeps its per-node sequence state on the writer thread): null lists mean "decode on the writer".
     */
    private record Item(InboundMessage message, List<TelemetryStore.SampleRow> samples,
                        List<TelemetryStore.DeadLetterRow> deadLetters) {
    }

    private final BlockingQueue<Item> queue;
    private final TelemetryDecoder decoder;
    private final TelemetryStore store;
    private final TelemetryStats stats;
    private final MachineDirectory directory;
    private final TelemetryAdoptions adoptions;
    private final long maxWaitNanos;
    private volatile int batchSize;
    private volatile boolean running;
    private volatile boolean writerStalled;
    private Thread writer;

    IngestPipeline(TelemetrySettings settings, TelemetryDecoder decoder, TelemetryStore store, TelemetryStats stats,
                   MachineDirectory directory, TelemetryAdoptions adoptions) {
        this.queue = new ArrayBlockingQueue<>(settings.getQueueCapacity());
        this.decoder = decoder;
        this.store = store;
        this.stats = stats;
        this.directory = directory;
        this.adoptions = adoptions;
        this.batchSize = settings.getBatchSize();
        this.maxWaitNanos = settings.getBatchMaxWait().toNanos();
        stats.watchQueue(queue::size);
    }

    /**
     * @param inflightWindow messages the broker sends before it waits for acknowledgements: a batch
     *                       larger than that could never fill, so the batch size is capped at it
     */
    synchronized void start(int inflightWindow) {
        if (running) {
            return;
        }
        batchSize = Math.max(1, Math.min(batchSize, inflightWindow));
        running = true;
        writer = new Thread(this::run, "telemetry-writer");
        writer.setDaemon(true);
        writer.start();
        LOG.info("telemetry writer started batchSize={} maxWaitMs={}", batchSize, maxWaitNanos / 1_000_000);
    }

    /**
     * Called on the MQTT callback thread; blocks while the queue is full (back-pressure). A JSON
     * message is decoded here, so that parsing runs in parallel with the writer's commits on
     * another core; it is still acknowledged only by the writer after the commit.
     */
    void accept(InboundMessage message) throws InterruptedException {
        stats.received(message.receivedAt());
        Item item;
        // While commits fail (the database is away), the registry lookup of an early decode would hold
        // this thread for the pool's connection-timeout per message; the writer decodes them instead.
        if (message.topic().startsWith("i4/") && !writerStalled) {
            List<TelemetryStore.SampleRow> samples = new ArrayList<>(1);
            List<TelemetryStore.DeadLetterRow> deadLetters = new ArrayList<>(0);
            try {
                decoder.decode(message, false, samples, deadLetters);
                item = new Item(message, samples, deadLetters);
            } catch (RuntimeException e) { // registry lookup failed: the writer decodes it again, with retries
                item = new Item(message, null, null);
            }
        } else {
            item = new Item(message, null, null);
        }
        queue.put(item);
    }

    /** Stops after writing what is queued; messages arriving later stay unacknowledged at the broker. */
    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Item> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Item first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < batchSize) {
                    if (queue.drainTo(batch, batchSize - batch.size()) > 0) {
                        continue;
                    }
                    long left = deadline - System.nanoTime();
                    Item next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                commitUntilDone(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commitUntilDone(List<Item> batch) throws InterruptedException {
        List<TelemetryStore.SampleRow> samples = new ArrayList<>(batch.size());
        List<TelemetryStore.DeadLetterRow> deadLetters = new ArrayList<>();
        TelemetryStore.Outcome outcome = writeUntilCommitted(batch, samples, deadLetters);
        for (Item item : batch) {
            item.message().acknowledgement().ack();
        }
        stats.committed(outcome.stored(), outcome.duplicates(), deadLetters.size());
        samples.forEach(row -> directory.markReported(row.machine().machineId()));
        deadLetters.forEach(d -> LOG.info("telemetry dead letter topic={} reason={}", d.topic(), d.reason()));
        try {
            adoptions.firstReports(outcome.firstReports());
        } catch (RuntimeException e) {
            // Committed and acknowledged: retrying the batch would acknowledge its packet ids a second
            // time (by then possibly reused for uncommitted messages) and would not bring the first
            // report back (the machine is marked as reported in the same commit).
            LOG.warn("telemetry first report of {} machine(s) not recorded as adoption: {}", outcome.firstReports().size(), e.toString());
        }
    }

    /**
     * Writes the batch, retrying while it fails. A database that is unavailable (or a full disk) is waited for as long as
     * it takes. Any other failure that repeats {@value #ISOLATE_AFTER} times is taken to lie in a message, not in the
     * database: the batch is then written one message at a time, and a message whose own write fails becomes a dead
     * letter naming the failure, so that one bad message never stalls the ingest of every plant.
     */
    private TelemetryStore.Outcome writeUntilCommitted(List<Item> batch, List<TelemetryStore.SampleRow> samples,
                                                       List<TelemetryStore.DeadLetterRow> deadLetters) throws InterruptedException {
        long backoffMs = 200;
        boolean decoded = false;
        int failures = 0;
        while (true) {
            try {
                long started = System.nanoTime();
                if (!decoded) {
                    decode(batch, samples, deadLetters, backoffMs == 200);
                    decoded = true;
                }
                long parsed = System.nanoTime();
                TelemetryStore.Outcome outcome = store.write(samples, deadLetters);
                LOG.debug("telemetry batch size={} decodeMs={} commitMs={} queue={}", batch.size(),
                        (parsed - started) / 1_000_000, (System.nanoTime() - parsed) / 1_000_000, queue.size());
                if (writerStalled) {
                    writerStalled = false;
                    LOG.info("telemetry batch of {} committed after retries; ingest resumed", batch.size());
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                // Nothing is acknowledged: a lost connection or a full disk is retried as it is; an
                // integrity violation (a machine deleted meanwhile) or a failed registry lookup is
                // decoded again with fresh registry answers.
                writerStalled = true;
                if (DatabaseUnavailable.reason(e).isEmpty() && ++failures >= ISOLATE_AFTER) {
                    LOG.warn("telemetry batch of {} failed {} times, not for want of the database: writing its messages one by one ({})",
                            batch.size(), failures, e.toString());
                    return writeOneByOne(batch, samples, deadLetters);
                }
                LOG.warn("telemetry batch of {} not committed, retrying in {} ms: {}", batch.size(), backoffMs, e.toString());
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 10_000);
                boolean storageOnly = SqlFailure.of(e).isPresent()
                        && !SqlFailure.state(e).orElse("").startsWith(SqlFailure.INTEGRITY_CLASS);
                if (!decoded || !storageOnly) {
                    directory.forget();
                    decoded = false;
                }
            }
        }
    }

    /**
     * The batch one message at a time (nothing of it was committed): a message whose write fails for any reason but an
     * unavailable database is stored as a dead letter instead; an unavailable database is waited for. Fills
     * {@code samples} and {@code deadLetters} with what was written, for the statistics.
     */
    private TelemetryStore.Outcome writeOneByOne(List<Item> batch, List<TelemetryStore.SampleRow> samples,
                                                 List<TelemetryStore.DeadLetterRow> deadLetters) throws InterruptedException {
        int stored = 0;
        int duplicates = 0;
        List<TelemetryStore.SampleRow> firstReports = new ArrayList<>();
        List<TelemetryStore.SampleRow> allSamples = new ArrayList<>();
        List<TelemetryStore.DeadLetterRow> allLetters = new ArrayList<>();
        for (Item item : batch) {
            List<TelemetryStore.SampleRow> s = new ArrayList<>();
            List<TelemetryStore.DeadLetterRow> d = new ArrayList<>();
            TelemetryStore.Outcome o;
            try {
                o = waitingForTheDatabase(() -> {
                    s.clear();
                    d.clear();
                    decoder.decode(item.message(), false, s, d);
                    return store.write(s, d);
                });
            } catch (SQLException | RuntimeException e) {
                LOG.warn("telemetry message on {} not stored, kept as a dead letter: {}", item.message().topic(), e.toString());
                s.clear();
                d.clear();
                d.add(decoder.deadLetter(item.message(), "not stored: " + e));
                try {
                    o = waitingForTheDatabase(() -> store.write(List.of(), d));
                } catch (SQLException | RuntimeException f) {
                    LOG.error("telemetry message on {} dropped: neither it nor its dead letter could be stored ({}); payload base64={}",
                            item.message().topic(), f.toString(), java.util.Base64.getEncoder().encodeToString(d.get(0).payload()));
                    d.clear();
                    o = new TelemetryStore.Outcome(0, 0, List.of());
                }
            }
            stored += o.stored();
            duplicates += o.duplicates();
            firstReports.addAll(o.firstReports());
            allSamples.addAll(s);
            allLetters.addAll(d);
        }
        samples.clear();
        samples.addAll(allSamples);
        deadLetters.clear();
        deadLetters.addAll(allLetters);
        writerStalled = false;
        LOG.info("telemetry batch of {} written message by message; ingest resumed", batch.size());
        return new TelemetryStore.Outcome(stored, duplicates, firstReports);
    }

    /** One write attempt of {@link #waitingForTheDatabase}. */
    @FunctionalInterface
    private interface Write {
        TelemetryStore.Outcome run() throws SQLException;
    }

    /** Runs the write, again and again (200 ms doubling to 10 s) while the database is unavailable; any other failure is thrown. */
    private static TelemetryStore.Outcome waitingForTheDatabase(Write write) throws SQLException, InterruptedException {
        long backoffMs = 200;
        while (true) {
            try {
                return write.run();
            } catch (SQLException | RuntimeException e) {
                if (DatabaseUnavailable.reason(e).isEmpty()) {
                    throw e;
                }
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    /**
     * @param useEarly take what the callback thread decoded; false after a failed commit, when the
     *                 registry is asked again (a machine may have been deleted or registered meanwhile)
     */
    private void decode(List<Item> batch, List<TelemetryStore.SampleRow> samples,
                        List<TelemetryStore.DeadLetterRow> deadLetters, boolean useEarly) {
        samples.clear();
        deadLetters.clear();
        for (Item item : batch) {
            if (useEarly && item.samples() != null) {
                samples.addAll(item.samples());
                deadLetters.addAll(item.deadLetters());
            } else {
                decoder.decode(item.message(), false, samples, deadLetters);
            }
        }
    }
}
