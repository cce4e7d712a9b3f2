package org.i4tracker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Speed of programme evaluation (issue 20 §4), end to end through the running service (H2 file database in a temp
 * directory, real HTTP, JSON both ways):
 * <ol>
 * <li><b>mpdta</b>: {@code POST /api/v1/analytics/att-gt} with R did's {@code mpdta} (500 counties × 5 years = 2 500
 *     rows, covariate lpop), DR, never-treated comparison, {@code "bootstrap": {"iterations": 1000, "seed": 42}} —
 *     goal &lt; 1 s per answer;</li>
 * <li><b>programme</b>: {@code GET /api/v1/programmes/{id}/evaluation?outcome=adoption&technology=ROBOTICS
 *     &design=STAGGERED&from=2015&to=2024&bootstrap=true} for a programme of {@code --firms} (default 5 000) eligible
 *     firms over 10 years, a third enrolled in yearly cohorts 2018–2022, with adoption events drawn from a fixed seed —
 *     goal &lt; 5 s per answer. The time includes reading firms, enrolments and adoptions from the database.</li>
 * </ol>
 * Each is called {@code --warmup} times (default 10: on a loaded machine the JIT needs several calls), then timed {@code --runs} times (default 10); the harness prints
 * every time, the median and the maximum. Data are created through the API (CSV imports as jobs) before timing.
 *
 * <pre>
 * ./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt && mkdir -p bench/target/classes
 * javac -d bench/target/classes -cp target/classes:$(cat cp.txt) bench/src/main/java/org/i4tracker/bench/EvaluationBenchmark.java
 * java -cp target/classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.EvaluationBenchmark \
 *   --mpdta src/test/resources/org/i4tracker/evaluation --firms 5000
 * </pre>
 */
public final class EvaluationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "bench-admin";
    private static final String PASSWORD = "bench-password-123";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI base;
    private String token;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--mpdta", "src/test/resources/org/i4tracker/evaluation", "--firms", "5000",
                "--warmup", "10", "--runs", "10"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        new EvaluationBenchmark().run(Path.of(o.get("--mpdta")), Integer.parseInt(o.get("--firms")),
                Integer.parseInt(o.get("--warmup")), Integer.parseInt(o.get("--runs")));
    }

    private void run(Path mpdta, int firms, int warmup, int runs) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("i4.data-dir", Files.createTempDirectory("i4-evaluation-bench").toString());
        props.put("i4.demo.enabled", false);
        props.put("i4.bootstrap.admin-user", ADMIN);
        props.put("i4.bootstrap.admin-password", PASSWORD);
        props.put("logger.levels.org.i4tracker", "WARN");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            base = server.getURI();
            token = (String) call("POST", "/login", "application/json",
                    "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}", false).get("access_token");
            String attGt = mpdtaRequest(mpdta);
            time("mpdta att-gt DR + lpop, 1000 bootstrap draws (2 500 rows)", warmup, runs,
                    () -> call("POST", "/api/v1/analytics/att-gt", "application/json", attGt, true));
            String path = programme(firms);
            time("programme of " + firms + " firms x 10 years, adoption outcome, STAGGERED, 1000 bootstrap draws", warmup, runs,
                    () -> call("GET", path, null, null, true));
        }
    }

    private interface Call {
        Map<String, Object> run() throws Exception;
    }

    private static void time(String name, int warmup, int runs, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        System.out.printf("%s%n  runs (ms): %s%n  median %.1f ms, max %.1f ms%n", name, Arrays.toString(
                Arrays.stream(ms).map(v -> Math.round(v * 10) / 10.0).toArray()), median, sorted[runs - 1]);
    }

    /** R did's mpdta as att-gt JSON: unit, year, first_treat, lemp = ln(teen employment), x.lpop. */
    private static String mpdtaRequest(Path dir) throws Exception {
        Map<String, String> lpop = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("mpdta-lpop.csv")).subList(1, 501)) {
            String[] f = line.split(",");
            lpop.put(f[0], f[1]);
        }
        StringBuilder b = new StringBuilder("{\"method\":\"DR\",\"control\":\"NEVER_TREATED\",\"bootstrap\":{\"iterations\":1000,"
                + "\"seed\":42},\"observations\":[");
        List<String> lines = Files.readAllLines(dir.resolve("mpdta-teen-employment.csv"));
        boolean first = true;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            for (int k = 0; k < 5; k++) {
                b.append(first ? "" : ",").append("{\"unit\":\"").append(f[0]).append("\",\"period\":").append(2003 + k)
                        .append(",\"cohort\":").append(f[1]).append(",\"y\":").append(Math.log(Integer.parseInt(f[2 + k])))
                        .append(",\"x\":{\"lpop\":").append(lpop.get(f[0])).append("}}");
                first = false;
            }
        }
        return b.append("]}").toString();
    }

    /** A region, district, programme, firms, enrolments and ROBOTICS adoptions; returns the evaluation path. */
    private String programme(int firms) throws Exception {
        long region = id(call("POST", "/api/v1/regions", "application/json", "{\"code\":\"EVB\",\"name\":\"Evaluation bench\"}", true));
        long district = id(call("POST", "/api/v1/districts", "application/json",
                "{\"regionId\":" + region + ",\"name\":\"Bench district\",\"naceCode\":\"25.62\"}", true));
        StringBuilder csv = new StringBuilder("districtId,code,name,naceCode,employees\n");
        for (int i = 0; i < firms; i++) {
            csv.append(district).append(",EVB-").append(i).append(",Firm ").append(i).append(",25.62,").append(10 + i % 40).append('\n');
        }
        awaitJob(call("POST", "/api/v1/imports/firms", "text/csv", csv.toString(), true));
        List<Long> ids = new ArrayList<>();
        for (Object f : JSON.readValue(get("/api/v1/exports/firms?format=json"), List.class)) {
            ids.add(((Number) ((Map<?, ?>) f).get("id")).longValue());
        }
        long programme = id(call("POST", "/api/v1/programmes", "application/json", "{\"code\":\"EVB-P\",\"name\":\"Bench programme\","
                + "\"regionId\":" + region + ",\"startsOn\":\"2018-01-01\",\"eligibility\":{\"sizeClasses\":[\"SMALL\"]},\"coFunding\":{\"publicShare\":60,\"firmShare\":40}}", true));
        Random random = new Random(20);
        StringBuilder adoptions = new StringBuilder("firmId,technologyCode,date,source\n");
        for (int i = 0; i < ids.size(); i++) {
            int cohort = i % 3 == 0 ? 2018 + random.nextInt(5) : 0;
            if (cohort > 0) {
                call("POST", "/api/v1/programmes/" + programme + "/enrolments", "application/json",
                        "{\"firmId\":" + ids.get(i) + ",\"enrolledOn\":\"" + cohort + "-03-01\"}", true);
            }
            // yearly adoption hazard 8 %, 15 % from the year after enrolment
            for (int year = 2012; year <= 2024; year++) {
                double hazard = cohort > 0 && year > cohort ? 0.15 : 0.08;
                if (random.nextDouble() < hazard) {
                    adoptions.append(ids.get(i)).append(",ROBOTICS,").append(LocalDate.of(year, 1 + random.nextInt(12), 1)).append(",MANUAL\n");
                    break;
                }
            }
        }
        awaitJob(call("POST", "/api/v1/imports/adoptions", "text/csv", adoptions.toString(), true));
        return "/api/v1/programmes/" + programme
                + "/evaluation?outcome=adoption&technology=ROBOTICS&design=STAGGERED&from=2015&to=2024&bootstrap=true";
    }

    private void awaitJob(Map<String, Object> job) throws Exception {
        while (true) {
            Map<?, ?> current = JSON.readValue(get((String) job.get("href")), Map.class);
            if (!"RUNNING".equals(current.get("status")) && !"QUEUED".equals(current.get("status"))) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, String type, String body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5));
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return JSON.readValue(r.body(), Map.class);
    }
}
