package org.i4tracker.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.assessment.FrozenScore;
import org.i4tracker.assessment.StoredAnswer;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness of the benchmark report (issue 5). Generates, in a fresh H2 file database, 4 regions × 5
 * districts, 10 000 firms (3 NACE divisions, all size classes) and 100 000 validated digital-maturity
 * assessments (waves T0..T9 per firm; random answers scored by the real {@link ScoringEngine}; answers are
 * stored for each firm's latest wave, which is what a report reads) by JDBC batch inserts; starts the
 * service on a random loopback port; then a <b>second JVM process</b> sends report requests for random firms
 * from a thread pool and prints p50/p95/p99 latency and throughput. The service is restarted on the generated database
 * before the load, after the first service context built the peer statistics and stored their inputs as a running service
 * does (the time to its first report is printed), and while the load runs a validation stream stores one new
 * validated wave per second ({@code --validations-per-second}) and prints how soon each shows in the firm's report.
 * {@code --pg jdbc:postgresql://127.0.0.1:5432/test} runs it on PostgreSQL (schema {@code bench_report}, recreated).
 *
 * <pre>
 * ./mvnw -B -q -o compile && ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt
 * mkdir -p bench/target/classes && javac -d bench/target/classes -cp target/classes:$(cat cp.txt) \
 *   bench/src/main/java/org/i4tracker/bench/{BenchmarkReportLoad,ServiceProperties}.java
 * java -cp target/classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.BenchmarkReportLoad \
 *   --firms 10000 --waves 10 --threads 8 --warmup 2000 --requests 20000
 * </pre>
 */
public final class BenchmarkReportLoad {

    private static final String ADMIN = ServiceProperties.ADMIN;
    private static final String PASSWORD = ServiceProperties.PASSWORD;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--firms", "10000", "--waves", "10", "--threads", "8",
                "--warmup", "2000", "--requests", "20000", "--validations-per-second", "1"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (o.containsKey("--load")) { // the client process
            load(o.get("--load"), o.get("--token"), Integer.parseInt(o.get("--firm-min")), Integer.parseInt(o.get("--firm-max")),
                    Integer.parseInt(o.get("--threads")), Integer.parseInt(o.get("--warmup")), Integer.parseInt(o.get("--requests")));
            return;
        }
        Path dir = Files.createTempDirectory("i4-report-bench");
        Map<String, Object> props = ServiceProperties.of(o, dir, "bench_report", ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "&reWriteBatchedInserts=true");
        long[] firmRange;
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
            DataSource ds = ctx.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
            ScoringEngine engine = ctx.getBean(ModelRegistry.class).engine("digital-maturity", "1.0.0");
            ctx.getBean(ModelRegistry.class).markInUse("digital-maturity", "1.0.0");
            long t = System.nanoTime();
            firmRange = generate(ds, engine, Integer.parseInt(o.get("--firms")), Integer.parseInt(o.get("--waves")));
            System.out.printf("generated %s firms x %s waves in %.1f s%n", o.get("--firms"), o.get("--waves"), (System.nanoTime() - t) / 1e9);
            // The planner's statistics after a bulk load, as a production server's autovacuum would gather them; a server
            // with autovacuum off (as this project's test machines run PostgreSQL) would otherwise plan the report's
            // per-firm history query with the statistics of an empty table and scan every assessment of the model.
            t = System.nanoTime();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            System.out.printf("statistics gathered (ANALYZE) in %.1f s%n", (System.nanoTime() - t) / 1e9);
            // as a running service would have: the snapshot is built on the first report and its inputs stored before the restart
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            HttpClient http = HttpClient.newHttpClient();
            String token = login(http, server.getURI());
            t = System.nanoTime();
            HttpResponse<String> first = http.send(reportRequest(server.getURI(), firmRange[0], token), HttpResponse.BodyHandlers.ofString());
            System.out.printf("first life: first report HTTP %d in %.0f ms (the first full read)%n", first.statusCode(), (System.nanoTime() - t) / 1e6);
            long validated = count(ds, "SELECT COUNT(*) FROM assessment WHERE status = 'VALIDATED'");
            while (count(ds, "SELECT COALESCE(MAX(validated), -1) FROM peer_input_marker") != validated) {
                if (System.nanoTime() - t > 600_000_000_000L) {
                    throw new IllegalStateException("the peer inputs were not stored within 10 minutes");
                }
                Thread.sleep(200);
            }
            System.out.printf("first life: peer inputs of %d firms stored %.0f ms after the first report began%n",
                    count(ds, "SELECT COUNT(*) FROM peer_input"), (System.nanoTime() - t) / 1e6);
        }
        // a restart on the generated database: the time to the first report is what a user waits after a deployment
        long started = System.nanoTime();
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            System.out.printf("restart: context and server up in %.0f ms%n", (System.nanoTime() - started) / 1e6);
            HttpClient http = HttpClient.newHttpClient();
            String token = login(http, server.getURI());
            long t = System.nanoTime();
            HttpResponse<String> first = http.send(reportRequest(server.getURI(), firmRange[0], token), HttpResponse.BodyHandlers.ofString());
            System.out.printf("first report after the restart: HTTP %d in %.0f ms (%.0f ms after the start began): %s...%n", first.statusCode(),
                    (System.nanoTime() - t) / 1e6, (System.nanoTime() - started) / 1e6, first.body().substring(0, Math.min(200, first.body().length())));

            DataSource ds = ctx.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
            ScoringEngine engine = ctx.getBean(ModelRegistry.class).engine("digital-maturity", "1.0.0");
            ValidationStream stream = new ValidationStream(ds, engine, http, server.getURI(), token, firmRange,
                    Integer.parseInt(o.get("--waves")), Double.parseDouble(o.get("--validations-per-second")));
            Thread streamThread = new Thread(stream, "validation-stream");
            streamThread.setDaemon(true);
            streamThread.start();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BenchmarkReportLoad.class.getName(),
                    "--load", server.getURI().toString(), "--token", token, "--firm-min", String.valueOf(firmRange[0]),
                    "--firm-max", String.valueOf(firmRange[1])));
            for (String k : List.of("--threads", "--warmup", "--requests")) {
                cmd.add(k);
                cmd.add(o.get(k));
            }
            int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            stream.stop();
            streamThread.join(60_000);
            System.out.println("load process exited with " + rc);
            stream.print();
        }
    }

    /**
     * The concurrent validation stream: at the given rate, a new wave of a random firm is stored as validated (the rows
     * {@code AssessmentService} writes at validation: status, time, scores, answers), then that firm's report is polled
     * until it names the new assessment — the freshness lag of one instance.
     */
    private static final class ValidationStream implements Runnable {
        private final DataSource ds;
        private final ScoringEngine engine;
        private final HttpClient http;
        private final URI base;
        private final String token;
        private final long[] firms;
        private final long periodNanos;
        private final Map<Long, Integer> nextWave = new HashMap<>();
        private final List<Long> lagsMs = new ArrayList<>();
        private final Random random = new Random(22);
        private volatile boolean running = true;
        private int stored;
        private int late;
        private long id = 900_000_000L;

        ValidationStream(DataSource ds, ScoringEngine engine, HttpClient http, URI base, String token, long[] firms, int waves, double perSecond) {
            this.ds = ds;
            this.engine = engine;
            this.http = http;
            this.base = base;
            this.token = token;
            this.firms = firms;
            this.periodNanos = (long) (1e9 / perSecond);
            for (long f = firms[0]; f <= firms[1]; f++) {
                nextWave.put(f, waves);
            }
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            while (running) {
                long firm = firms[0] + random.nextInt((int) (firms[1] - firms[0] + 1));
                try {
                    long assessment = store(firm);
                    stored++;
                    long t0 = System.nanoTime();
                    while (running) {
                        HttpResponse<String> r = http.send(reportRequest(base, firm, token), HttpResponse.BodyHandlers.ofString());
                        if (r.body().contains("\"assessmentId\":" + assessment + ",")) {
                            lagsMs.add((System.nanoTime() - t0) / 1_000_000);
                            break;
                        }
                        if (System.nanoTime() - t0 > 60_000_000_000L) {
                            late++;
                            break;
                        }
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    System.out.println("validation stream: " + e);
                }
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private long store(long firm) throws Exception {
            int wave = nextWave.merge(firm, 1, Integer::sum) - 1;
            List<Answer> answers = answers(engine, random, random.nextInt(5));
            ScoreReport report = engine.score(answers);
            Timestamp now = Timestamp.from(Instant.now());
            long assessment = ++id;
            try (Connection c = ds.getConnection(); PreparedStatement a = c.prepareStatement("INSERT INTO assessment (id, firm_id, model_id,"
                    + " model_version, wave, wave_number, assessed_on, status, created_by, created_at, validated_by, validated_at, overall_score,"
                    + " overall_band, answer_document, score_document) VALUES (?, ?, 'digital-maturity', '1.0.0', ?, ?, ?, 'VALIDATED', 'bench', ?,"
                    + " 'bench', ?, ?, ?, ?, ?)")) {
                a.setLong(1, assessment);
                a.setLong(2, firm);
                a.setString(3, "T" + wave);
                a.setInt(4, wave);
                a.setObject(5, LocalDate.of(2026, 1, 1));
                a.setTimestamp(6, now);
                a.setTimestamp(7, now);
                a.setObject(8, report.overall());
                a.setString(9, report.overallBand());
                a.setString(10, StoredAnswer.document(answers.stream().map(x -> new StoredAnswer(x.item(), x.value(), x.confidence(), null)).toList()));
                a.setString(11, FrozenScore.document(FrozenScore.of(report)));
                a.executeUpdate();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            return assessment;
        }

        void print() {
            List<Long> sorted = new ArrayList<>(lagsMs);
            sorted.sort(Long::compare);
            if (sorted.isEmpty()) {
                System.out.printf("validation stream: %d stored, none seen (%d not within 60 s)%n", stored, late);
                return;
            }
            System.out.printf("validation stream: %d stored, seen in the firm's own report after p50 %d ms, p95 %d ms, max %d ms; %d not within 60 s%n",
                    stored, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)), sorted.get(sorted.size() - 1), late);
        }
    }

    /** Inserts districts, firms and validated assessments; returns the first and last firm id. */
    private static long[] generate(DataSource ds, ScoringEngine engine, int firms, int waves) throws Exception {
        Random random = new Random(5);
        String[] divisions = {"15", "23", "25"};
        int[] employees = {5, 20, 120, 400};
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            List<Long> districts = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                long region = insert(c, "INSERT INTO region (code, name) VALUES ('BR" + r + "', 'Bench region " + r + "')");
                for (int d = 0; d < 5; d++) {
                    districts.add(insert(c, "INSERT INTO district (region_id, name, nace_code) VALUES (" + region + ", 'Bench district "
                            + r + "-" + d + "', '" + divisions[d % 3] + "')"));
                }
            }
            long[] range = {Long.MAX_VALUE, 0};
            try (PreparedStatement firm = c.prepareStatement("INSERT INTO firm (district_id, code, name, nace_code, employees) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int f = 0; f < firms; f++) {
                    firm.setLong(1, districts.get(f % districts.size()));
                    firm.setString(2, "F" + f);
                    firm.setString(3, "Bench firm " + f);
                    firm.setString(4, divisions[random.nextInt(3)] + "." + (10 + random.nextInt(5)));
                    firm.setInt(5, employees[random.nextInt(4)] + random.nextInt(5));
                    firm.addBatch();
                }
                firm.executeBatch();
                try (ResultSet keys = firm.getGeneratedKeys()) {
                    while (keys.next()) {
                        range[0] = Math.min(range[0], keys.getLong(1));
                        range[1] = Math.max(range[1], keys.getLong(1));
                    }
                }
            }
            c.commit();
            try (PreparedStatement a = c.prepareStatement("INSERT INTO assessment (id, firm_id, model_id, model_version, wave, wave_number, assessed_on,"
                    + " status, created_by, created_at, validated_by, validated_at, overall_score, overall_band, answer_document, score_document)"
                    + " VALUES (?, ?, 'digital-maturity', '1.0.0', ?, ?, ?, 'VALIDATED', 'bench', ?, 'bench', ?, ?, ?, ?, ?)")) {
                long id = 1_000_000;
                int rows = 0;
                for (long f = range[0]; f <= range[1]; f++) {
                    int base = random.nextInt(4);
                    for (int w = 0; w < waves; w++) {
                        List<Answer> answers = answers(engine, random, Math.min(4, base + w / 4));
                        ScoreReport report = engine.score(answers);
                        a.setLong(1, ++id);
                        a.setLong(2, f);
                        a.setString(3, "T" + w);
                        a.setInt(4, w);
                        a.setObject(5, LocalDate.of(2016 + w, 3, 1));
                        a.setTimestamp(6, now);
                        // validated over the past years as a region's assessments are, not all at one instant
                        a.setTimestamp(7, Timestamp.from(now.toInstant().minusSeconds(86_400L * 365 * (waves - w)
                                + random.nextInt(86_400 * 300))));
                        a.setObject(8, report.overall());
                        a.setString(9, report.overallBand());
                        // the latest wave's answers are what the report's advice reads; earlier waves keep an empty document
                        a.setString(10, w == waves - 1 ? StoredAnswer.document(answers.stream()
                                .map(x -> new StoredAnswer(x.item(), x.value(), x.confidence(), null)).toList()) : "[]");
                        a.setString(11, FrozenScore.document(FrozenScore.of(report)));
                        a.addBatch();
                        if (++rows % 500 == 0) {
                            a.executeBatch();
                            c.commit();
                        }
                    }
                }
                a.executeBatch();
                c.commit();
            }
            return range;
        }
    }

    private static List<Answer> answers(ScoringEngine engine, Random random, int centre) {
        List<Answer> list = new ArrayList<>();
        for (Dimension d : engine.model().dimensions()) {
            for (Item item : d.items()) {
                int level = Math.max(0, Math.min(4, centre + random.nextInt(3) - 1));
                AnswerValue value = switch (item.scale().type()) {
                    case LIKERT_5 -> new AnswerValue.Points(level + 1);
                    case SCALE_0_10 -> new AnswerValue.Points(2 * level + random.nextInt(3));
                    case YES_NO -> new AnswerValue.YesNo(level >= 2);
                    case CHOICE -> new AnswerValue.Option(item.scale().options().get(level * (item.scale().options().size() - 1) / 4).code());
                };
                list.add(new Answer(item.code(), value, Confidence.SELF_DECLARED));
            }
        }
        return list;
    }

    private static String login(HttpClient http, URI base) throws Exception {
        return login(http, base, ADMIN, PASSWORD);
    }

    /** Logs in as {@code user} and returns the access token (the harnesses' bootstrap admins). */
    static String login(HttpClient http, URI base, String user, String password) throws Exception {
        String login = http.send(HttpRequest.newBuilder(base.resolve("/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + login);
        }
        return m.group(1);
    }

    private static HttpRequest reportRequest(URI base, long firm, String token) {
        return HttpRequest.newBuilder(base.resolve("/api/v1/firms/" + firm + "/benchmark?model=digital-maturity&version=1.0.0"))
                .header("Authorization", "Bearer " + token).build();
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long insert(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The second process: warm-up, then timed requests from a thread pool; prints latency percentiles. */
    private static void load(String base, String token, int firmMin, int firmMax, int threads, int warmup, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
        String[] peers = {"district,sector,size", "district,sector", "district", "region", "all"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int phase = 0; phase < 2; phase++) {
            int n = phase == 0 ? warmup : requests;
            long[] nanos = new long[n];
            int[] errors = new int[1];
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int from = t;
                futures.add(pool.submit(() -> {
                    for (int i = from; i < n; i += threads) {
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        long firm = firmMin + r.nextInt(firmMax - firmMin + 1);
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/api/v1/firms/" + firm
                                + "/benchmark?model=digital-maturity&version=1.0.0&peers=" + peers[r.nextInt(peers.length)]))
                                .header("Authorization", "Bearer " + token).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (resp.statusCode() != 200) {
                                synchronized (errors) {
                                    if (errors[0]++ < 3) {
                                        System.out.println("HTTP " + resp.statusCode() + ": " + resp.body());
                                    }
                                }
                            }
                        } catch (Exception e) {
                            synchronized (errors) {
                                errors[0]++;
                            }
                        }
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf("%s: %d requests, %d threads, %d errors, %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    phase == 0 ? "warm-up" : "measured", n, threads, errors[0], n / seconds, nanos[n / 2] / 1e6,
                    nanos[(int) (n * 0.95)] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
        }
        pool.shutdownNow();
        System.exit(0);
    }
}
