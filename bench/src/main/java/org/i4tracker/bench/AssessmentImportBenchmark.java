package org.i4tracker.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bulk CSV import of past assessment campaigns (issue 4): generates {@code --assessments} digital-maturity
 * 1.0.0 assessments (27 items, answers from a fixed seed, N/A where allowed, technologies in use) for
 * {@code --firms} firms (waves T0, T1, … a year apart), starts the service (H2 file database in a temp
 * directory; then PostgreSQL in a fresh schema with {@code reWriteBatchedInserts=true} when reachable), imports
 * the CSV through {@code POST /api/v1/assessments/import} and prints assessments/s from the POST until the
 * job has finished (and from the job's start to its end). It does so {@code --rounds} times (default 2) per
 * database, each round for firms of its own: round 1 is the first import of a fresh service, round 2 the next
 * one in the same JVM, on a database holding round 1.
 *
 * <pre>
 * mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * mkdir -p bench/target/classes
 * javac -d bench/target/classes -cp target/classes:$(cat cp.txt) bench/src/main/java/org/i4tracker/bench/AssessmentImportBenchmark.java
 * java -cp target/classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.AssessmentImportBenchmark \
 *   --assessments 10000 --firms 2000 --pg jdbc:postgresql://127.0.0.1:5432/test --pg-user postgres
 * </pre>
 * Run from the repository root; the shipped models come from the classpath.
 */
public final class AssessmentImportBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "bench-admin";
    private static final String PASSWORD = "bench-password-123";
    private static final String READINESS = "NOT_CONSIDERED|PLANNED|PILOT|IN_USE";
    /** digital-maturity 1.0.0: item code → scale (L Likert 1..5, S 0..10, Y yes/no, else options; * = N/A allowed). */
    private static final String[][] ITEMS = {{"DBS1", "L"}, {"DBS2", "NONE|UNDER_1|ONE_TO_3|OVER_3"}, {"DBS3", "Y"}, {"DBS4", "L"},
            {"DR_ERP_MES", READINESS}, {"DR_CONNECTED_MACHINES", READINESS}, {"DR_ADDITIVE_MANUFACTURING", "*" + READINESS},
            {"DR_ROBOTICS", "*" + READINESS}, {"DR_CLOUD", READINESS}, {"DR_DATA_ANALYTICS_AI", READINESS},
            {"DR_DIGITAL_TWIN", "*" + READINESS}, {"DR_B2B_PLATFORM", READINESS}, {"DR_CYBERSECURITY", READINESS},
            {"HC1", "L"}, {"HC2", "S"}, {"HC3", "L"}, {"HC4", "*L"}, {"DM1", "L"}, {"DM2", "L"}, {"DM3", "L"}, {"DM4", "Y"},
            {"AA1", "S"}, {"AA2", "NONE|EXPLORING|ONE_USE|SEVERAL"}, {"AA3", "L"}, {"GD1", "Y"}, {"GD2", "L"}, {"GD3", "*L"}};

    private final int assessments;
    private final int firms;
    private final int rounds;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AssessmentImportBenchmark(int assessments, int firms, int rounds) {
        this.assessments = assessments;
        this.firms = firms;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--assessments", "10000", "--firms", "2000", "--rounds", "2",
                "--pg", "jdbc:postgresql://127.0.0.1:5432/test", "--pg-user", "postgres"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        AssessmentImportBenchmark bench = new AssessmentImportBenchmark(Integer.parseInt(o.get("--assessments")),
                Integer.parseInt(o.get("--firms")), Integer.parseInt(o.get("--rounds")));
        Path dir = Files.createTempDirectory("i4-assessment-import-bench");
        bench.run("H2 file", Map.of("i4.data-dir", dir.toString()));

        String pgAdmin = o.get("--pg");
        String schema = "i4bench_assess_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(pgAdmin, o.get("--pg-user"), ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            System.out.println("PostgreSQL skipped: not reachable at " + pgAdmin + " (" + e.getMessage() + ")");
            return;
        }
        try {
            bench.run("PostgreSQL", Map.of("i4.data-dir", Files.createTempDirectory("i4-assessment-import-bench-pg").toString(),
                    "datasources.default.url", pgAdmin + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
                    "datasources.default.driver-class-name", "org.postgresql.Driver",
                    "datasources.default.username", o.get("--pg-user"), "datasources.default.password", "",
                    "datasources.default.dialect", "POSTGRES"));
        } finally {
            try (Connection c = DriverManager.getConnection(pgAdmin, o.get("--pg-user"), ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void run(String name, Map<String, Object> database) throws Exception {
        Map<String, Object> props = new HashMap<>(database);
        props.put("micronaut.server.port", -1);
        props.put("i4.demo.enabled", false);
        props.put("i4.bootstrap.admin-user", ADMIN);
        props.put("i4.bootstrap.admin-password", PASSWORD);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            URI base = server.getURI();
            String token = (String) call(base, null, "POST", "/login", "application/json",
                    "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}").get("access_token");
            long region = id(call(base, token, "POST", "/api/v1/regions", "application/json", "{\"code\":\"BENCH\",\"name\":\"Bench\"}"));
            long district = id(call(base, token, "POST", "/api/v1/districts", "application/json",
                    "{\"regionId\":" + region + ",\"name\":\"Machinery\",\"naceCode\":\"28.41\"}"));
            for (int round = 1; round <= rounds; round++) {
                importRound(name, base, token, district, round);
            }
            server.stop();
        }
    }

    /**
     * One timed import of {@code assessments} for {@code firms} new firms. Round 1 is the first import of a
     * fresh service (the JIT still compiling); later rounds run in the same, warmer JVM, on a database that
     * already holds the earlier rounds.
     */
    private void importRound(String name, URI base, String token, long district, int round) throws Exception {
        String prefix = "R" + round + "-";
        StringBuilder firmCsv = new StringBuilder("districtId,code,name,naceCode,employees\n");
        for (int f = 0; f < firms; f++) {
            firmCsv.append(district).append(',').append(prefix).append(f).append(",Firm ").append(f).append(",28.41,")
                    .append(10 + f % 240).append('\n');
        }
        awaitJob(base, token, call(base, token, "POST", "/api/v1/imports/firms", "text/csv", firmCsv.toString()));
        List<Long> firmIds = JSON.readValue(get(base, token, "/api/v1/exports/firms?format=json"),
                new TypeReference<List<Map<String, Object>>>() { }).stream()
                .filter(f -> ((String) f.get("code")).startsWith(prefix))
                .map(f -> ((Number) f.get("id")).longValue()).toList();
        String csv = campaign(firmIds);

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuAtStart = os.getProcessCpuTime();
        long jitAtStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long start = System.nanoTime();
        Map<String, Object> job = awaitJob(base, token, call(base, token, "POST",
                "/api/v1/assessments/import?model=digital-maturity&version=1.0.0", "text/csv", csv));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitAtStart;
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) job.get("result");
        int written = ((Number) result.get("written")).intValue();
        double jobSeconds = Duration.between(Instant.parse((String) job.get("startedAt")),
                Instant.parse((String) job.get("finishedAt"))).toMillis() / 1000.0;
        System.out.printf("%-11s round %d (%s): %d assessments for %d firms: written %d, errors %d, %.2f s from POST to finished job "
                        + "→ %,.0f assessments/s (job run %.2f s → %,.0f/s); this JVM used %.2f s of CPU (%.2f of %d cores), JIT compiling %,d ms%n",
                name, round, round == 1 ? "fresh JVM" : "same JVM", assessments, firmIds.size(), written, ((List<?>) result.get("errors")).size(),
                seconds, written / seconds, jobSeconds, written / jobSeconds, cpuSeconds, cpuSeconds / seconds, os.getAvailableProcessors(), jitMillis);
    }

    /** The CSV: firm i gets waves T0, T1, … one year apart; answers from a fixed seed. */
    private String campaign(List<Long> firmIds) {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("firmId,wave,date");
        for (String[] item : ITEMS) {
            csv.append(',').append(item[0]);
        }
        csv.append('\n');
        for (int n = 0; n < assessments; n++) {
            long firm = firmIds.get(n % firmIds.size());
            int wave = n / firmIds.size();
            csv.append(firm).append(",T").append(wave).append(',').append(LocalDate.of(2018 + wave, 1 + n % 12, 1 + n % 28));
            for (String[] item : ITEMS) {
                boolean naAllowed = item[1].startsWith("*");
                String scale = naAllowed ? item[1].substring(1) : item[1];
                csv.append(',');
                if (naAllowed && random.nextInt(4) == 0) {
                    csv.append("N/A");
                    continue;
                }
                switch (scale) {
                    case "L" -> csv.append(1 + random.nextInt(5));
                    case "S" -> csv.append(random.nextInt(11));
                    case "Y" -> csv.append(random.nextBoolean() ? "yes" : "no");
                    default -> {
                        String[] options = scale.split("\\|");
                        csv.append(options[random.nextInt(options.length)]);
                    }
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private Map<String, Object> awaitJob(URI base, String token, Map<String, Object> job) throws Exception {
        while (true) {
            Map<String, Object> current = JSON.readValue(get(base, token, (String) job.get("href")), new TypeReference<>() { });
            String status = (String) current.get("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                if (!status.equals("SUCCEEDED")) {
                    throw new IllegalStateException("job " + current);
                }
                return current;
            }
            Thread.sleep(20);
        }
    }

    private String get(URI base, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private Map<String, Object> call(URI base, String token, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readValue(r.body(), new TypeReference<>() { });
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }
}
