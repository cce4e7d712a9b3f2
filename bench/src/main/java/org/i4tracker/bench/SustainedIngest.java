package org.i4tracker.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sustained ingest (issue 22 §3): the service, with its scheduled rollup passes on as in production, stores
 * {@code --machines} machines at 1 Hz each (so {@code --machines} messages a second, QoS 1, time-stamped now) for
 * {@code --minutes} minutes through a local mosquitto, on an H2 file or, with {@code --pg URL}, in a schema of its own
 * on PostgreSQL ({@link ServiceProperties}); {@code --pg own} makes a cluster of its own with PostgreSQL's defaults
 * (autovacuum on), where the machine's shared server runs with autovacuum off for the tests. Every minute it prints the published and stored messages, the bytes on
 * disk (the H2 file; on PostgreSQL every table of the schema with its indexes and TOAST, dead tuples included) and
 * their bytes per stored sample; after a clean stop the bytes once more, then {@code SHUTDOWN COMPACT} (H2) or
 * {@code VACUUM FULL} of the schema's tables (PostgreSQL), which leaves the live data. It ends with the largest bytes
 * on disk over the run against the live data held at that moment (the stored samples then times the live bytes per
 * sample at the end, which is steady once the rollup pass has merged each minute's parts).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.SustainedIngest \
 *   --minutes 60 --machines 1000 --port 18840 [--pg jdbc:postgresql://127.0.0.1:5432/test|own] [--props i4.telemetry.batch-max-wait=500ms,…] [--keep-copy true] [--h2-settings ";…"] [--drop-chunk-fk true] [--broker-inflight 1000]
 * </pre>
 */
public final class SustainedIngest {

    private SustainedIngest() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--minutes", "60", "--machines", "1000", "--port", "18840"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int minutes = Integer.parseInt(o.get("--minutes"));
        int machines = Integer.parseInt(o.get("--machines"));
        int port = Integer.parseInt(o.get("--port"));
        Path dir = Files.createTempDirectory("i4-sustained");
        // --pg own: a cluster of the harness's own with PostgreSQL's defaults (autovacuum on; the machine's shared
        // server runs with autovacuum off for the tests), made with initdb and stopped and deleted at the end
        org.i4tracker.testing.PostgresCluster cluster = "own".equals(o.get("--pg"))
                ? org.i4tracker.testing.PostgresCluster.startOrSkip("sustained ingest") : null;
        if (cluster != null) {
            o.put("--pg", cluster.url());
        }
        Process mosquitto = IngestBenchmark.startMosquitto(dir, port, Integer.parseInt(o.getOrDefault("--broker-inflight", "1000")));
        boolean pg = o.containsKey("--pg");
        Path file = dir.resolve("i4.mv.db");
        List<long[]> minutesSeen = new ArrayList<>(); // {minute, stored samples, bytes}
        long stored;
        try {
            // the service's own H2 settings (docs/configuration.md): WRITE_DELAY 0, no automatic compaction
            Map<String, Object> props = ServiceProperties.of(o, dir, "i4_sustained", ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + o.getOrDefault("--h2-settings", ";DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_COMPACT_FILL_RATE=0"), "");
            props.put("i4.mqtt.enabled", true);
            props.put("i4.mqtt.broker-url", "tcp://127.0.0.1:" + port);
            props.put("i4.mqtt.client-id", "sustained-service");
            props.putAll(properties(o.getOrDefault("--props", "")));
            String url = (String) props.get("datasources.default.url");
            String user = (String) props.get("datasources.default.username");
            String what = pg ? "PostgreSQL schema (tables, indexes, TOAST)" : "H2 file";
            LongSupplier size = pg ? () -> schemaBytes(url, user) : () -> IngestBenchmark.sizeOf(file);
            try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
                EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
                if (!server.isRunning()) {
                    server.start();
                }
                DataSource ds = ctx.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
                register(ds, machines);
                if (Boolean.parseBoolean(o.getOrDefault("--drop-chunk-fk", "false"))) { // H2 only: the foreign key's own index goes with it
                    dropChunkForeignKey(ds);
                }
                var meters = ctx.getBean(io.micrometer.core.instrument.MeterRegistry.class);
                java.util.function.LongSupplier storedNow = () -> (long) meters.get("i4.telemetry.stored").functionCounter().count();
                long deadline = System.currentTimeMillis() + 60_000;
                var http = java.net.http.HttpClient.newHttpClient();
                var health = java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/health")).GET().build();
                // the anonymous /health status is UP once telemetry is connected
                while (!http.send(health, java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"UP\"")
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                Publisher pub = new Publisher("tcp://127.0.0.1:" + port, machines);
                Thread publishing = new Thread(() -> pub.run(minutes * 60L), "publisher");
                publishing.start();
                long began = System.nanoTime();
                for (int m = 1; m <= minutes; m++) {
                    long until = began + m * 60_000_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                    }
                    long s = storedNow.getAsLong();
                    long bytes = size.getAsLong();
                    minutesSeen.add(new long[] {m, s, bytes});
                    System.out.printf("minute %3d: published %,d, stored %,d, %s %,d bytes, %.1f bytes per stored sample%n", m,
                            pub.published.get(), s, what, bytes, (double) bytes / Math.max(1, s));
                }
                publishing.join();
                deadline = System.currentTimeMillis() + 60_000;
                while (storedNow.getAsLong() < pub.published.get() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                stored = storedNow.getAsLong();
                System.out.printf("published %,d, stored %,d (%s)%n", pub.published.get(), stored,
                        stored == pub.published.get() ? "every message stored" : "NOT every message stored");
                server.stop();
            }
            long samples = count(url, user);
            long afterStop = size.getAsLong();
            System.out.printf("after a clean stop: %s %,d bytes, %,d samples in telemetry_chunk, %.1f bytes per sample%n", what, afterStop,
                    samples, (double) afterStop / Math.max(1, samples));
            if (!pg && Boolean.parseBoolean(o.getOrDefault("--keep-copy", "false"))) { // for org.h2.mvstore.MVStoreTool info/dump
                Path copy = dir.resolve("after-stop.mv.db");
                Files.copy(file, copy);
                System.out.println("copy of the file after the clean stop: " + copy);
            }
            try (Connection c = DriverManager.getConnection(url, user, ""); var st = c.createStatement()) {
                if (pg) {
                    List<String> tables = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                    st.execute("VACUUM FULL " + String.join(", ", tables));
                } else {
                    st.execute("SHUTDOWN COMPACT");
                }
            }
            long live = size.getAsLong();
            double livePerSample = (double) live / Math.max(1, samples);
            System.out.printf("after %s (the live data): %,d bytes, %.1f bytes per sample%n", pg ? "VACUUM FULL" : "SHUTDOWN COMPACT", live,
                    livePerSample);
            double worst = 0;
            long worstMinute = 0;
            for (long[] row : minutesSeen) {
                double ratio = row[2] / Math.max(1.0, row[1] * livePerSample);
                if (row[0] >= 5 && ratio > worst) { // the first minutes are the empty schema's pages
                    worst = ratio;
                    worstMinute = row[0];
                }
            }
            System.out.printf("bytes on disk over live data: at the end %.2f; largest from minute 5 on %.2f (minute %d); after the clean stop %.2f%n",
                    minutesSeen.isEmpty() ? 0 : minutesSeen.get(minutesSeen.size() - 1)[2]
                            / Math.max(1.0, minutesSeen.get(minutesSeen.size() - 1)[1] * livePerSample),
                    worst, worstMinute, afterStop / (double) live);
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor();
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static void register(DataSource ds, int machines) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO region (code, name) VALUES ('SUST', 'Sustained region')");
            st.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Sustained', '28' FROM region WHERE code = 'SUST'");
            st.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'SUST', 'Sustained firm', '28.41', 40"
                    + " FROM district WHERE name = 'Sustained'");
            st.execute("INSERT INTO plant (code, name, firm_id) SELECT 'SUST', 'Sustained plant', id FROM firm WHERE code = 'SUST'");
            for (int m = 1; m <= machines; m++) {
                st.addBatch("INSERT INTO machine (plant_id, code, name, ideal_cycle_time_ms) SELECT id, 'm" + m + "', 'm" + m
                        + "', 850 FROM plant WHERE code = 'SUST'");
            }
            st.executeBatch();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** Drops {@code telemetry_chunk}'s foreign key to {@code machine} (an experiment: on H2 it has an index of its own). */
    private static void dropChunkForeignKey(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT constraint_name FROM information_schema.table_constraints"
                    + " WHERE table_name = 'telemetry_chunk' AND constraint_type = 'FOREIGN KEY'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                st.execute("ALTER TABLE telemetry_chunk DROP CONSTRAINT \"" + name + "\"");
                System.out.println("dropped foreign key " + name + " of telemetry_chunk");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** {@code --props k=v,k=v}: service properties, e.g. {@code i4.telemetry.batch-max-wait=500ms}. */
    static Map<String, Object> properties(String list) {
        Map<String, Object> props = new HashMap<>();
        for (String kv : list.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--props takes key=value pairs separated by commas, not \"" + kv + "\"");
            }
            props.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return props;
    }

    /** The bytes of every table of the connection's schema, with its indexes and TOAST (partitions are tables too). */
    private static long schemaBytes(String url, String user) {
        try (Connection c = DriverManager.getConnection(url, user, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String url, String user) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(samples), 0) FROM telemetry_chunk")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One sample a second per machine, QoS 1, time-stamped now, at most 1 000 in flight. */
    private static final class Publisher {
        final AtomicLong published = new AtomicLong();
        private final String url;
        private final int machines;

        Publisher(String url, int machines) {
            this.url = url;
            this.machines = machines;
        }

        void run(long seconds) {
            try {
                MqttAsyncClient pub = new MqttAsyncClient(url, "sustained-publisher", new MemoryPersistence());
                Semaphore inFlight = new Semaphore(1000);
                pub.setCallback(new MqttCallback() {
                    public void connectionLost(Throwable cause) { }
                    public void messageArrived(String topic, MqttMessage message) { }
                    public void deliveryComplete(IMqttDeliveryToken token) { inFlight.release(); }
                });
                MqttConnectOptions options = new MqttConnectOptions();
                options.setMaxInflight(1000);
                pub.connect(options).waitForCompletion();
                long start = System.nanoTime();
                for (long second = 0; second < seconds; second++) {
                    for (int machine = 1; machine <= machines; machine++) {
                        String body = "{\"ts\":\"" + Instant.now() + "\",\"seq\":" + second + ",\"state\":\""
                                + (second % 97 < 13 ? "IDLE" : "EXECUTE") + "\",\"goodCount\":" + (second - second / 50)
                                + ",\"rejectCount\":" + second / 50 + ",\"metrics\":{\"spindleTempC\":" + (40 + second % 7) + ".5}}";
                        inFlight.acquire();
                        IngestBenchmark.publish(pub, "i4/SUST/m" + machine + "/telemetry", body.getBytes(StandardCharsets.UTF_8));
                        published.incrementAndGet();
                    }
                    long next = start + (second + 1) * 1_000_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                while (pub.getPendingDeliveryTokens().length > 0) {
                    Thread.sleep(5);
                }
                pub.disconnect().waitForCompletion();
                pub.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
