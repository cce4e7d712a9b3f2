package org.i4tracker.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Ingest benchmark (issue 6): starts its own mosquitto on a loopback port configured for no loss
 * ({@code max_queued_messages 0}, {@code max_inflight_messages 1000}), publishes QoS 1 telemetry
 * from a second process, and measures in turn (a) a bare Paho v5 subscriber that only counts,
 * (b) the service storing durably on an H2 file, (c) the service on PostgreSQL. Prints messages/s,
 * stored vs published and the ratio to (a), the bytes per stored sample (H2: the whole file; PostgreSQL: the chunk
 * partitions and the head table with their indexes, {@code pg_total_relation_size}), and where the CPU went in each phase: µs of CPU per
 * message for this JVM (its busiest threads named; GC and JIT are what lies outside Java threads),
 * mosquitto, the publisher process and the PostgreSQL server processes, read from the JVM and from
 * {@code /proc}. Each phase is preceded by an untimed warm-up of {@code --warmup} messages (the JIT
 * compiles the service's hot paths, which would otherwise take a large share of the H2 phase's CPU).
 * The scheduled rollups are off in the service phases, so only ingest is measured. When the
 * machine's cores are all busy, the ratio is about the bare phase's CPU per message over the
 * service phase's.
 *
 * <pre>
 * java -cp target/classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.IngestBenchmark \
 *   --messages 200000 --warmup 100000 --machines 20 --port 18830 --pg jdbc:postgresql://127.0.0.1:5432/test
 * </pre>
 */
public final class IngestBenchmark {

    private final int messages;
    private final int warmup;
    private final int machines;
    private final String brokerUrl;
    private final Instant t0 = Instant.now().minusSeconds(3 * 24 * 3600);

    private IngestBenchmark(int messages, int warmup, int machines, int port) {
        this.messages = messages;
        this.warmup = warmup;
        this.machines = machines;
        this.brokerUrl = "tcp://127.0.0.1:" + port;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--publisher")) {
            publisherProcess(args);
            return;
        }
        Map<String, String> o = new HashMap<>(Map.of("--messages", "200000", "--warmup", "100000", "--machines", "20", "--port", "18830",
                "--pg", "jdbc:postgresql://127.0.0.1:5432/test", "--pg-user", "postgres"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int port = Integer.parseInt(o.get("--port"));
        IngestBenchmark bench = new IngestBenchmark(Integer.parseInt(o.get("--messages")),
                Integer.parseInt(o.get("--warmup")), Integer.parseInt(o.get("--machines")), port);
        Path dir = Files.createTempDirectory("i4-ingest-bench");
        Process mosquitto = startMosquitto(dir, port);
        bench.mosquittoPid = mosquitto.pid();
        try {
            double bare = bench.bareSubscriber();
            report("(a) bare Paho v5 subscriber", bench.messages, bench.lastCount, bare, bare);
            String h2Url = "jdbc:h2:file:" + dir.resolve("h2/i4") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
            Path h2File = dir.resolve("h2/i4.mv.db");
            double h2 = bench.service("h2", Map.of(
                    "datasources.default.url", "jdbc:h2:file:" + dir.resolve("h2/i4")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_COMPACT_FILL_RATE=0",
                    "datasources.default.driver-class-name", "org.h2.Driver",
                    "datasources.default.username", "sa", "datasources.default.password", "",
                    "datasources.default.dialect", "H2"),
                    (stage, ds) -> printBytes("(b) H2 file " + stage, sizeOf(h2File), samples(ds)));
            long h2Stored = count(h2Url, "sa", "");
            report("(b) service, H2 file", bench.messages, h2Stored - bench.warmup, h2, bare);
            printBytes("(b) H2 file after a clean stop", Files.size(h2File), h2Stored);
            try (Connection c = DriverManager.getConnection(h2Url, "sa", "")) {
                c.createStatement().execute("SHUTDOWN COMPACT");
            }
            printBytes("(b) H2 file after SHUTDOWN COMPACT (its live data)", Files.size(h2File), h2Stored);
            String pgDatabase = "i4bench_telemetry_" + ProcessHandle.current().pid();
            String pgAdmin = o.get("--pg");
            String pgUrl = pgAdmin.substring(0, pgAdmin.lastIndexOf('/') + 1) + pgDatabase;
            try (Connection c = DriverManager.getConnection(pgAdmin, o.get("--pg-user"), "")) {
                c.createStatement().execute("CREATE DATABASE " + pgDatabase);
            } catch (Exception e) {
                System.out.println("(c) skipped: PostgreSQL not reachable at " + pgAdmin + ": " + e.getMessage());
                return;
            }
            try {
                String pgUser = o.get("--pg-user");
                double pg = bench.service("pg", Map.of("datasources.default.url", pgUrl,
                        "datasources.default.driver-class-name", "org.postgresql.Driver",
                        "datasources.default.username", pgUser, "datasources.default.password", "",
                        "datasources.default.dialect", "POSTGRES"),
                        (stage, ds) -> printPgBytes("(c) PostgreSQL " + stage, ds));
                long pgStored = count(pgUrl, pgUser, "");
                report("(c) service, PostgreSQL", bench.messages, pgStored - bench.warmup, pg, bare);
                try (Connection c = DriverManager.getConnection(pgUrl, pgUser, "")) {
                    c.createStatement().execute("VACUUM FULL telemetry_chunk, telemetry_chunk_head");
                }
                var plain = new org.postgresql.ds.PGSimpleDataSource();
                plain.setURL(pgUrl);
                plain.setUser(pgUser);
                printPgBytes("(c) PostgreSQL after VACUUM FULL (its live data)", plain);
            } finally {
                try (Connection c = DriverManager.getConnection(pgAdmin, o.get("--pg-user"), "")) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + pgDatabase);
                }
            }
        } finally {
            mosquitto.destroy();
            mosquitto.waitFor();
        }
    }

    private long lastCount;
    private long mosquittoPid;

    private static void report(String what, int published, long stored, double rate, double bareRate) {
        System.out.printf("%-30s published %d, received/stored %d, %,.0f msg/s, ratio to (a) %.2f%n",
                what, published, stored, rate, rate / bareRate);
    }

    /**
     * CPU time so far, in ns: this JVM (publisher, and the bare subscriber or the service), the
     * mosquitto process, and every PostgreSQL server process on the machine (from {@code /proc}).
     */
    private long[] cpu() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long postgres = 0;
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        for (java.io.File proc : procs == null ? new java.io.File[0] : procs) {
            String stat = procStat(Long.parseLong(proc.getName()));
            if (stat.contains("(postgres)")) {
                postgres += ticksToNanos(stat);
            }
        }
        return new long[] {jvm, ticksToNanos(procStat(mosquittoPid)), postgres};
    }

    private static String procStat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** utime + stime (fields 14 and 15 of /proc/pid/stat, clock ticks of 10 ms) in ns. */
    private static long ticksToNanos(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    static Process startMosquitto(Path dir, int port) throws Exception {
        return startMosquitto(dir, port, 1000);
    }

    /** A local mosquitto for no loss, sending a subscriber up to {@code inflight} unacknowledged QoS 1 messages. */
    static Process startMosquitto(Path dir, int port, int inflight) throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "max_queued_messages 0",
                "max_inflight_messages " + inflight,
                "persistence false",
                "log_type error", ""));
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString()).inheritIO().start();
        for (int i = 0; i < 100; i++) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not start on port " + port);
    }

    /** (a): a persistent-session v5 subscriber with Receive Maximum 1000 and automatic acks that only counts. */
    private double bareSubscriber() throws Exception {
        AtomicLong received = new AtomicLong();
        var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(brokerUrl, "bench-bare",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.setCallback(new MqttCallback() {
            public void disconnected(MqttDisconnectResponse r) { }
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) { }
            public void messageArrived(String topic, MqttMessage message) { received.incrementAndGet(); }
            public void deliveryComplete(IMqttToken token) { }
            public void connectComplete(boolean reconnect, String uri) { }
            public void authPacketArrived(int code, MqttProperties p) { }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setReceiveMaximum(1000);
        client.connect(options).waitForCompletion();
        client.subscribe("i4/+/+/telemetry", 1).waitForCompletion();
        double rate = run("bare", received::get);
        lastCount = received.get() - warmup;
        client.disconnect().waitForCompletion();
        client.close();
        return rate;
    }

    /** (b), (c): the service with its ingest pipeline, measured until every message is stored or skipped as duplicate. */
    /**
     * One service phase; {@code sizes} prints the stored bytes at a stage: as the burst left them, then after one
     * rollup pass (which merges each minute's parts into one chunk, as the scheduled pass does a few minutes later).
     */
    private double service(String name, Map<String, Object> datasource, java.util.function.BiConsumer<String, javax.sql.DataSource> sizes) throws Exception {
        Map<String, Object> props = new HashMap<>(datasource);
        props.put("micronaut.server.port", -1);
        props.put("i4.demo.enabled", false);
        props.put("i4.data-dir", Files.createTempDirectory("i4-bench-" + name).toString());
        props.put("i4.mqtt.enabled", true);
        props.put("i4.mqtt.broker-url", brokerUrl);
        props.put("i4.mqtt.client-id", "bench-service-" + name);
        props.put("flyway.datasources.default.enabled", true);
        // The per-minute rollup reads every sample once more, a minute later; left on, it lands in
        // whichever phase happens to run past its start and skews that phase alone.
        props.put("i4.telemetry.maintenance.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            Api api = new Api(server.getURI());
            register(ctx.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(ctx.getBean(javax.sql.DataSource.class)));
            long deadline = System.currentTimeMillis() + 30_000;
            // /health details and the stats API need a login since access control; the anonymous status
            // is UP once telemetry is connected, and the counters are read from the meter registry in-process.
            while (!api.get("/health").contains("\"status\":\"UP\"") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            var meters = ctx.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            LongSupplier stored = () -> (long) meters.get("i4.telemetry.stored").functionCounter().count();
            LongSupplier duplicates = () -> (long) meters.get("i4.telemetry.duplicates").functionCounter().count();
            LongSupplier dead = () -> (long) meters.get("i4.telemetry.dead.lettered").functionCounter().count();
            double rate = run(name, () -> stored.getAsLong() + duplicates.getAsLong() + dead.getAsLong());
            System.out.println("    " + name + " stats: stored=" + stored.getAsLong() + " duplicates=" + duplicates.getAsLong()
                    + " deadLettered=" + dead.getAsLong());
            javax.sql.DataSource ds = ctx.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(ctx.getBean(javax.sql.DataSource.class));
            sizes.accept("as the burst left it", ds);
            long began = System.nanoTime();
            int minutes = org.i4tracker.telemetry.RollupPass.run(ctx);
            System.out.printf("    %s: one rollup pass, %d machine minutes rolled up and their parts merged, %.1f s%n", name, minutes,
                    (System.nanoTime() - began) / 1e9);
            sizes.accept("after one rollup pass", ds);
            server.stop();
            return rate;
        }
    }

    /** Publishes all messages from a publisher thread and returns messages/s until {@code handled} reaches the total. */
    /** Total JIT compilation time (ms), garbage collections and their total time (ms) of this JVM so far. */
    static long[] vmTimes() {
        long count = 0;
        long time = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), count, time};
    }

    /** CPU time of each live Java thread of this JVM, in ns, by thread name with digits folded to '#'. */
    private static Map<String, Long> threadCpu() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long t = threads.getThreadCpuTime(id);
            if (info != null && t > 0) {
                byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), t, Long::sum);
            }
        }
        return byName;
    }

    private double run(String name, LongSupplier handled) throws Exception {
        if (warmup > 0) {
            // Untimed: the JIT compiles the hot paths of the subscriber or service first (different seq
            // numbers, so the measured messages are new samples, not duplicates).
            Process publisher = startPublisher(name + "-warmup", 0, warmup);
            publisher.getOutputStream().write('\n');
            publisher.getOutputStream().flush();
            awaitHandled(name + " warm-up", handled, warmup);
            publisherCpuNanos(publisher);
        }
        Process publisher = startPublisher(name, warmup, messages);
        Map<String, Long> threadsBefore = threadCpu();
        long[] cpuBefore = cpu();
        long[] vmBefore = vmTimes();
        long start = System.nanoTime();
        publisher.getOutputStream().write('\n'); // go
        publisher.getOutputStream().flush();
        awaitHandled(name, handled, warmup + (long) messages);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpu();
        long[] vmAfter = vmTimes();
        double publisherCpu = publisherCpuNanos(publisher);
        long n = Math.max(1, handled.getAsLong() - warmup);
        double jvm = (cpuAfter[0] - cpuBefore[0]) / 1e3 / n;
        double broker = (cpuAfter[1] - cpuBefore[1]) / 1e3 / n;
        double postgres = (cpuAfter[2] - cpuBefore[2]) / 1e3 / n;
        double pub = publisherCpu / 1e3 / n;
        double total = pub + jvm + broker + postgres;
        System.out.printf("    %s CPU per message: publisher process %.1f µs, this JVM %.1f µs, mosquitto %.1f µs,"
                        + " PostgreSQL %.1f µs, total %.1f µs (%.2f of %d cores busy)%n", name, pub, jvm, broker, postgres,
                total, total * n / 1e6 / seconds, Runtime.getRuntime().availableProcessors());
        Map<String, Long> threadsAfter = threadCpu();
        StringBuilder top = new StringBuilder();
        long javaThreads = 0;
        var deltas = new java.util.ArrayList<Map.Entry<String, Long>>();
        for (var e : threadsAfter.entrySet()) {
            long d = e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L);
            javaThreads += Math.max(0, d);
            deltas.add(Map.entry(e.getKey(), d));
        }
        deltas.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
        for (var e : deltas.subList(0, Math.min(5, deltas.size()))) {
            top.append(String.format(" %s %.1f,", e.getKey(), e.getValue() / 1e3 / n));
        }
        System.out.printf("    %s this JVM's threads, µs per message:%s outside Java threads (GC, JIT) %.1f"
                        + " [JIT compiling %d ms, %d collections, %d ms in collections]%n", name, top, jvm - javaThreads / 1e3 / n,
                vmAfter[0] - vmBefore[0], vmAfter[1] - vmBefore[1], vmAfter[2] - vmBefore[2]);
        return n / seconds;
    }

    private static void awaitHandled(String name, LongSupplier handled, long total) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (handled.getAsLong() < total) {
            Thread.sleep(20);
            long now = handled.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 30_000_000_000L) {
                System.out.println("    " + name + ": no progress for 30 s at " + now + " of " + total);
                return;
            }
        }
    }

    /** The publisher in its own JVM (as the issue asks), started and connected before the clock starts. */
    private Process startPublisher(String name, int firstIndex, int count) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IngestBenchmark.class.getName(), "--publisher",
                brokerUrl, "bench-pub-" + name, Integer.toString(firstIndex), Integer.toString(count), Integer.toString(machines),
                t0.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"connected".equals(line)) {
            throw new IllegalStateException("publisher did not connect: " + line);
        }
        publisherOut = out;
        return p;
    }

    private java.io.BufferedReader publisherOut;

    /** Waits for the publisher to finish; it reports its own CPU time in ns as its last line. */
    private double publisherCpuNanos(Process publisher) throws Exception {
        String line;
        String last = null;
        while ((line = publisherOut.readLine()) != null) {
            last = line;
        }
        publisher.waitFor();
        return last == null || !last.startsWith("cpu ") ? Double.NaN : Double.parseDouble(last.substring(4));
    }

    /**
     * {@code --publisher brokerUrl clientId firstIndex count machines t0}: one Paho v3 async publisher with
     * 1 000 messages in flight. It blocks on a permit per in-flight message (released when the
     * broker's PUBACK arrives) instead of retrying {@code publish} in a spin loop: a spinning publisher
     * burns a core exactly when the subscriber under test falls behind, which would penalise the
     * slower subscriber twice when the machine has few cores. Prints "connected", waits for a line on stdin,
     * publishes, waits for every PUBACK and prints "cpu <ns>" (CPU time since the line).
     */
    /** Publishes at QoS 1; Paho frees its in-flight slot and message id just after deliveryComplete, so a full window waits briefly. */
    static void publish(MqttAsyncClient pub, String topic, byte[] payload) throws MqttException {
        while (true) {
            try {
                pub.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT
                        && e.getReasonCode() != MqttException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE) {
                    throw e;
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private static void publisherProcess(String[] args) throws Exception {
        String brokerUrl = args[1];
        int firstIndex = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        int machines = Integer.parseInt(args[5]);
        Instant t0 = Instant.parse(args[6]);
        MqttAsyncClient pub = new MqttAsyncClient(brokerUrl, args[2], new MemoryPersistence());
        Semaphore inFlight = new Semaphore(1000);
        pub.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            public void connectionLost(Throwable cause) { }
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) { }
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) { inFlight.release(); }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000);
        pub.connect(o).waitForCompletion();
        System.out.println("connected");
        System.out.flush();
        System.in.read();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuAtGo = os.getProcessCpuTime();
        for (int i = firstIndex; i < firstIndex + count; i++) {
            int machine = i % machines + 1;
            long seq = i / machines;
            String body = "{\"ts\":\"" + t0.plusMillis(seq * 1000) + "\",\"seq\":" + seq + ",\"state\":\"EXECUTE\",\"goodCount\":" + seq
                    + ",\"rejectCount\":0,\"idealCycleTimeMs\":850,\"metrics\":{\"spindleTempC\":41.2}}";
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            inFlight.acquire();
            publish(pub, "i4/BENCH/m" + machine + "/telemetry", payload);
        }
        while (pub.getPendingDeliveryTokens().length > 0) {
            Thread.sleep(5);
        }
        long cpu = os.getProcessCpuTime() - cpuAtGo;
        pub.disconnect().waitForCompletion();
        pub.close();
        System.out.println("cpu " + cpu);
        System.exit(0);
    }

    /** Region, district, firm, plant BENCH and machines m1..mN, written with plain SQL (the same on H2 and PostgreSQL). */
    private void register(javax.sql.DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO region (code, name) VALUES ('BENCH', 'Bench region')");
            st.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Bench', '28' FROM region WHERE code = 'BENCH'");
            st.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'BENCH', 'Bench firm', '28.41', 40 FROM district WHERE name = 'Bench'");
            st.execute("INSERT INTO plant (code, name, firm_id) SELECT 'BENCH', 'Bench plant', id FROM firm WHERE code = 'BENCH'");
            for (int m = 1; m <= machines; m++) {
                st.execute("INSERT INTO machine (plant_id, code, name, ideal_cycle_time_ms) SELECT id, 'm" + m + "', 'm" + m + "', 850 FROM plant WHERE code = 'BENCH'");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /**
     * {@code pg_total_relation_size} (table, indexes, TOAST) summed over the partitions of {@code telemetry_chunk}, and
     * that of {@code telemetry_chunk_head}: the bytes the tables hold when the phase ends, without a VACUUM.
     */
    private static void printBytes(String what, long bytes, long samples) {
        System.out.printf("%s: %d bytes for %d stored samples (warm-up included), %.1f bytes per sample%n", what, bytes, samples,
                (double) bytes / Math.max(1, samples));
    }

    /**
     * {@code pg_total_relation_size} (table, indexes, TOAST) summed over the partitions of {@code telemetry_chunk}, and
     * that of {@code telemetry_chunk_head}, per stored sample.
     */
    private static void printPgBytes(String what, javax.sql.DataSource ds) {
        try (Connection c = ds.getConnection();
             var rs = c.createStatement().executeQuery("SELECT (SELECT COALESCE(SUM(pg_total_relation_size(i.inhrelid)), 0)"
                     + " FROM pg_inherits i WHERE i.inhparent = 'telemetry_chunk'::regclass),"
                     + " pg_total_relation_size('telemetry_chunk_head'), (SELECT COALESCE(SUM(samples), 0) FROM telemetry_chunk),"
                     + " (SELECT COUNT(*) FROM telemetry_chunk)")) {
            rs.next();
            long samples = rs.getLong(3);
            System.out.printf("%s: telemetry_chunk's partitions %d bytes (indexes and TOAST included), telemetry_chunk_head %d bytes,"
                            + " %d chunk rows, for %d stored samples (warm-up included): %.1f bytes per sample%n",
                    what, rs.getLong(1), rs.getLong(2), rs.getLong(4), samples, (double) (rs.getLong(1) + rs.getLong(2)) / Math.max(1, samples));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long samples(javax.sql.DataSource ds) {
        try (Connection c = ds.getConnection();
             var rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(samples), 0) FROM telemetry_chunk")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
             var rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(samples), 0) FROM telemetry_chunk")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Minimal JSON-over-HTTP client for the service's public API. */
    private static final class Api {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI base;

        Api(URI base) {
            this.base = base;
        }

        String get(String path) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

    }
}
