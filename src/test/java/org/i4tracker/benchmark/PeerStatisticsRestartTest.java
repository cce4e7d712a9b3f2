package org.i4tracker.benchmark;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.H2File;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 §1 across restarts: the service started again on the same H2 file serves reports from the stored peer inputs
 * before its full read of every validated assessment has finished (the read is held at a gate, {@link GatedPeerInputs}),
 * with the same figures and the same stored group versions; and after a restart one more validation in a small group
 * shows no reader a second version of it.
 * <p>
 * The world: one region; district D1 (NACE 23.31) with 6 SMALL firms — a small group, published from its stored version;
 * district D2 (NACE 15.20) with 21 SMALL firms — large (more than 20), published fresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerStatisticsRestartTest {

    private static final String DB = "i4tracker";
    private static final String DM = "digital-maturity";
    private static final String V = "1.0.0";
    private static final String QUERY = "?model=" + DM + "&version=" + V;

    /** Shared by both tests: the second starts the service again on the first one's database. */
    @TempDir
    static Path dir;

    private final List<Long> d1 = new ArrayList<>();
    private final List<Long> d2 = new ArrayList<>();
    private long districtD1;
    /** Every firm's report after the first life settled, by firm. */
    private final Map<Long, Map<String, Object>> reports = new HashMap<>();
    /** The stored group versions after the first life settled: group code → seq. */
    private Map<String, Long> versions;

    private EmbeddedServer start(boolean gated) {
        return H2File.start(dir.resolve("data"), DB, H2File.DEFAULT_OPTIONS,
                Map.of("i4.benchmark.refresh-interval", "200ms", "test.peer-inputs.gated", String.valueOf(gated)));
    }

    private static Map<String, Object> report(HttpClient http, long firm) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/firms/" + firm + "/benchmark" + QUERY),
                Argument.mapOf(String.class, Object.class));
    }

    private static Map<String, Object> reportOrNull(HttpClient http, long firm) {
        try {
            return report(http, firm);
        } catch (HttpClientResponseException e) {
            assertEquals(422, e.getStatus().getCode(), e.getMessage());
            return null;
        }
    }

    private static Map<String, Long> storedVersions(EmbeddedServer server) {
        Map<String, Long> seqs = new TreeMap<>();
        server.getApplicationContext().getBean(PeerGroupVersionStore.class).versions(DM, V, null)
                .forEach(row -> seqs.put(row.groupKey(), row.version().seq()));
        return seqs;
    }

    private static List<String> dimensions(EmbeddedServer server) {
        return server.getApplicationContext().getBean(ModelRegistry.class).engine(DM, V).model().dimensions().stream()
                .map(Dimension::code).toList();
    }

    private static PeerSnapshot snapshot(EmbeddedServer server) {
        return server.getApplicationContext().getBean(PeerStatistics.class).current(DM, V, dimensions(server));
    }

    /** Waits (up to 5 s per poll round) until the stored inputs hold the database's current state. */
    private static void awaitStored(EmbeddedServer server, int firms) throws InterruptedException {
        PeerInputs inputs = server.getApplicationContext().getBean(PeerInputs.class);
        PeerInputStore store = server.getApplicationContext().getBean(PeerInputStore.class);
        BenchmarkApiTest.eventually(() -> {
            PeerInputStore.Stored stored = store.load(DM, V, dimensions(server));
            PeerSnapshot s = snapshot(server);
            return stored != null && stored.entries().size() == firms && stored.marker().equals(inputs.marker(DM, V))
                    && s.marker().equals(stored.marker()) ? stored : null;
        });
    }

    /**
     * First start: the world is built, its reports and group versions recorded once the stored inputs caught up. Second
     * start, its full read held at the gate: the same reports from the stored inputs, no version decided anew; once the
     * gate opens and the full read is applied, the same reports and versions again.
     */
    @Test
    @Order(1)
    void restartServesTheStoredSnapshotBeforeItsFullReadWithTheSameFiguresAndVersions() throws Exception {
        try (EmbeddedServer server = start(false);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            ValidatedAssessments assessments = server.getApplicationContext().getBean(ValidatedAssessments.class);
            long region = api.create("/api/v1/regions", "{\"code\":\"RS\",\"name\":\"Restart region\"}");
            districtD1 = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D1\",\"naceCode\":\"23.31\"}");
            long districtD2 = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D2\",\"naceCode\":\"15.20\"}");
            for (int i = 0; i < 27; i++) {
                boolean first = i < 6;
                long firm = api.create("/api/v1/firms", "{\"districtId\":" + (first ? districtD1 : districtD2) + ",\"code\":\"RS" + i
                        + "\",\"name\":\"Firm RS" + i + "\",\"naceCode\":\"" + (first ? "23.31" : "15.20") + "\",\"employees\":12}");
                (first ? d1 : d2).add(firm);
                assessments.store(firm, DM, V, "T0", LocalDate.of(2025, 3, 1 + i), i % 5, true);
            }
            awaitStored(server, 27);
            for (long firm : concat(d1, d2)) {
                reports.put(firm, report(http, firm));
            }
            versions = storedVersions(server);
        }
        Map<String, Object> smallReport = reports.get(d1.get(0));
        assertEquals(6, ((Number) map(smallReport, "peerGroup").get("n")).intValue());
        assertEquals("district,sector,size", map(smallReport, "peerGroup").get("used"));
        assertTrue(versions.size() >= 5, "versions stored for the published groups: " + versions);

        try (EmbeddedServer server = start(true);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            GatedPeerInputs gate = server.getApplicationContext().getBean(GatedPeerInputs.class);
            try {
                for (long firm : concat(d1, d2)) {
                    assertEquals(reports.get(firm), report(http, firm), "firm " + firm + " before the full read");
                }
                // the full read is still held at the gate: every report above came from the stored inputs
                BenchmarkApiTest.eventually(() -> gate.waiting() == 1 ? true : null);
                assertNotEquals(PeerSnapshot.Source.REBUILT, snapshot(server).source());
                assertEquals(versions, storedVersions(server), "no group version decided anew from the stored inputs");
            } finally {
                gate.open();
            }
            BenchmarkApiTest.eventually(() -> snapshot(server).source() == PeerSnapshot.Source.REBUILT ? true : null);
            for (long firm : concat(d1, d2)) {
                assertEquals(reports.get(firm), report(http, firm), "firm " + firm + " after the full read");
            }
            assertEquals(versions, storedVersions(server), "the full read reconciles without a new version of an unchanged group");
        }
    }

    /**
     * After a restart, one more firm is validated in the small group: it sees the group's stored version (the 6 firms, all
     * its peers), and every other reader's figures stay as they were; no new version of the group is stored.
     */
    @Test
    @Order(2)
    void afterARestartOneMoreValidationShowsNoReaderASecondVersionOfASmallGroup() throws Exception {
        try (EmbeddedServer server = start(false);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            for (long firm : d1) {
                assertEquals(reports.get(firm), report(http, firm), "firm " + firm + " after the restart");
            }
            long added = api.create("/api/v1/firms", "{\"districtId\":" + districtD1 + ",\"code\":\"RS-NEW\",\"name\":\"Firm RS-NEW\","
                    + "\"naceCode\":\"23.31\",\"employees\":12}");
            server.getApplicationContext().getBean(ValidatedAssessments.class).store(added, DM, V, "T0", LocalDate.of(2025, 4, 1), 4, true);
            Map<String, Object> own = BenchmarkApiTest.eventually(() -> reportOrNull(http, added));
            assertEquals(6, ((Number) map(own, "peerGroup").get("n")).intValue(), "the new firm is shown the stored version");
            assertEquals(6, ((Number) map(map(own, "overall"), "peers").get("n")).intValue(), "all six firms of the version are its peers");
            for (long firm : d1) {
                Map<String, Object> now = report(http, firm);
                for (String part : List.of("peerGroup", "overall", "dimensions")) {
                    assertEquals(reports.get(firm).get(part), now.get(part), "firm " + firm + " " + part);
                }
            }
            Map<String, Long> after = storedVersions(server);
            versions.forEach((group, seq) -> {
                if (group.split("/")[2].equals(String.valueOf(districtD1))) { // level/region/district/sector/size
                    assertEquals(seq, after.get(group), group + " moved on for one firm");
                }
            });
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }
}
