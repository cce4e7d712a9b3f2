package org.i4tracker.testing.load;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the real HTTP API of a started service with the request mix of a district programme (issue 21 §2), using
 * only {@code java.net.http} so it runs against any URL: the short JUnit form ({@code ShortLoadTest}) and the bench
 * main ({@code bench/.../DistrictLoad}) call the same code.
 *
 * <p>Set-up (as the administrator, through the API): one region, district, RTI institute and programme; a firm per
 * firm user (at least one per assessor) with a validated digital-maturity T0 and two adoptions, each served by the RTI
 * and enrolled in the programme with consent; per assessor pair one shared T1 draft; per assessor a fresh firm to run a
 * T0 through submit and validate; users of the three roles created through {@code POST /api/v1/users} and logged in.
 *
 * <p>Load: assessors read their pair's shared draft and save one answer with its {@code version} (two assessors per
 * draft, so stale writes happen), and once each run a T0 through submit and validate; firm users read their firm's
 * benchmark report; analysts read the district's diffusion view and the programme's evaluation; one thread imports
 * CSV campaigns for new firms of another region (so the programme's district keeps its size) and waits for each job. Think times are scaled by {@code thinkScale}.
 *
 * <p>Checks: a lost update is an accepted save whose version another accepted save also got, a final draft whose
 * version is not the highest accepted one, or whose answer differs from that save's value; a stale save must answer
 * 409. A request not answered within {@code timeout} counts as unanswered (a deadlock or a stall).
 */
public final class LoadDriver {

    /** Load shape. */
    public record Options(int assessors, int firmUsers, int analysts, Duration duration, Duration timeout, double thinkScale,
                          long seed) {
        public Options {
            if (assessors < 2 || firmUsers < 1 || analysts < 1) {
                throw new IllegalArgumentException("at least 2 assessors, 1 firm user and 1 analyst");
            }
        }
    }

    /** Per request kind: latencies (ms) and answers by status; {@code -1} = not answered within the timeout. */
    public static final class Kind {
        final List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        void record(int status, double ms) {
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            if (status > 0) {
                millis.add(ms);
            }
        }

        public long count(java.util.function.IntPredicate status) {
            return statuses.entrySet().stream().filter(e -> status.test(e.getKey())).mapToLong(e -> e.getValue().get()).sum();
        }

        double percentile(double p) {
            double[] sorted;
            synchronized (millis) {
                sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            }
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** What a run found. */
    public record Result(Map<String, Kind> kinds, long lostUpdates, long staleNot409, long validations, long imports,
                         List<String> problems) {
        public long serverErrors() {
            return kinds.values().stream().mapToLong(k -> k.count(s -> s >= 500)).sum();
        }

        public long unanswered() {
            return kinds.values().stream().mapToLong(k -> k.count(s -> s < 0)).sum();
        }

        public long requests() {
            return kinds.values().stream().mapToLong(k -> k.count(s -> true)).sum();
        }

        public void print(PrintStream out) {
            out.printf("%-22s %8s %8s %8s %8s %8s %6s %6s %s%n", "kind", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "5xx",
                    "unans", "statuses");
            new TreeMap<>(kinds).forEach((name, k) -> out.printf("%-22s %8d %8.1f %8.1f %8.1f %8.1f %6d %6d %s%n", name,
                    k.count(s -> true), k.percentile(0.50), k.percentile(0.95), k.percentile(0.99), k.percentile(1.0),
                    k.count(s -> s >= 500), k.count(s -> s < 0), new TreeMap<>(k.statuses)));
            out.printf("requests %d, 5xx %d, unanswered (deadlock/timeout) %d, lost updates %d, stale saves not 409 %d, "
                    + "validations %d, import jobs %d%n", requests(), serverErrors(), unanswered(), lostUpdates, staleNot409,
                    validations, imports);
            problems.stream().limit(20).forEach(p -> out.println("problem: " + p));
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final String PASSWORD = "load-password-123";
    /** The 27 answers of a complete digital-maturity 1.0.0 assessment (values valid for each item's scale). */
    static final String FULL_ANSWERS = "[" + String.join(",",
            a("DBS1", "3"), a("DBS2", "\"UNDER_1\""), a("DBS3", "false"), a("DBS4", "3"),
            a("DR_ERP_MES", "\"IN_USE\""), a("DR_CONNECTED_MACHINES", "\"PLANNED\""), na("DR_ADDITIVE_MANUFACTURING"),
            a("DR_ROBOTICS", "\"NOT_CONSIDERED\""), a("DR_CLOUD", "\"IN_USE\""), a("DR_DATA_ANALYTICS_AI", "\"NOT_CONSIDERED\""),
            na("DR_DIGITAL_TWIN"), a("DR_B2B_PLATFORM", "\"PILOT\""), a("DR_CYBERSECURITY", "\"PLANNED\""),
            a("HC1", "2"), a("HC2", "3"), a("HC3", "3"), na("HC4"),
            a("DM1", "3"), a("DM2", "2"), a("DM3", "1"), a("DM4", "true"),
            a("AA1", "2"), a("AA2", "\"NONE\""), a("AA3", "2"),
            a("GD1", "false"), a("GD2", "2"), a("GD3", "3")) + "]";
    private static final String[] AREAS = {"RE", "IS", "OR", "CU"};

    private static String a(String item, String value) {
        return "{\"item\":\"" + item + "\",\"value\":" + value + "}";
    }

    private static String na(String item) {
        return "{\"item\":\"" + item + "\",\"notApplicable\":true}";
    }

    private final URI base;
    private final Options options;
    private final HttpClient http;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong staleNot409 = new AtomicLong();
    private final AtomicLong validations = new AtomicLong();
    private final AtomicLong imports = new AtomicLong();
    private volatile long stopAt;

    public LoadDriver(URI base, Options options) {
        this.base = base;
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).executor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "load-http");
            t.setDaemon(true);
            return t;
        })).build();
    }

    private record Answer(int status, String body) {
        long id() {
            return group(ID, body);
        }

        long version() {
            return group(VERSION, body);
        }
    }

    private static long group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body.substring(0, Math.min(300, body.length())));
        }
        return Long.parseLong(m.group(1));
    }

    /** Sends one request and records it under {@code kind} (null = set-up, not recorded). */
    private Answer send(String kind, String token, String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(options.timeout());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.header("Content-Type", contentType).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        long t = System.nanoTime();
        int status;
        String text;
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            text = r.body();
        } catch (HttpTimeoutException e) {
            status = -1;
            text = "";
            problems.add(kind + " " + method + " " + path + " unanswered after " + options.timeout());
        } catch (java.io.IOException e) {
            status = -2;
            text = "";
            problems.add(kind + " " + method + " " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (kind != null) {
            kinds.computeIfAbsent(kind, k -> new Kind()).record(status, (System.nanoTime() - t) / 1e6);
            if (status >= 500) {
                problems.add(kind + " " + method + " " + path + " -> " + status + " " + text.substring(0, Math.min(300, text.length())));
            }
        }
        return new Answer(status, text);
    }

    private Answer setup(String token, String method, String path, String json) {
        Answer a = send(null, token, method, path, json, "application/json");
        if (a.status() / 100 != 2) {
            throw new IllegalStateException("set-up " + method + " " + path + " answered " + a.status() + " " + a.body());
        }
        return a;
    }

    private String login(String user, String password) {
        Answer a = setup(null, "POST", "/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        return group0(TOKEN, a.body());
    }

    private static String group0(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }

    private long firm(String admin, long district, String code) {
        return setup(admin, "POST", "/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"Firm "
                + code + "\",\"naceCode\":\"25.62\",\"employees\":" + (5 + Math.abs(code.hashCode() % 200)) + "}").id();
    }

    private long user(String admin, String name, String role, String scope) {
        return setup(admin, "POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\""
                + role + "\"," + scope + "}").id();
    }

    private long draft(String token, long firm, String wave, String date) {
        return setup(token, "POST", "/api/v1/assessments", "{\"firmId\":" + firm + ",\"modelId\":\"digital-maturity\","
                + "\"modelVersion\":\"1.0.0\",\"wave\":\"" + wave + "\",\"date\":\"" + date + "\"}").id();
    }

    /** Fills, submits and validates an assessment; each step is recorded under {@code kind} when given. */
    private boolean complete(String kind, String token, long id) {
        Answer current = kind == null ? setup(token, "GET", "/api/v1/assessments/" + id, null)
                : send(kind, token, "GET", "/api/v1/assessments/" + id, null, "application/json");
        if (current.status() != 200) {
            return false;
        }
        Answer saved = send(kind, token, "PUT", "/api/v1/assessments/" + id + "/answers", "{\"version\":" + current.version()
                + ",\"answers\":" + FULL_ANSWERS + "}", "application/json");
        if (saved.status() != 200) {
            return fail(kind, saved);
        }
        Answer submitted = send(kind, token, "POST", "/api/v1/assessments/" + id + "/submit", "{\"version\":" + saved.version() + "}",
                "application/json");
        if (submitted.status() != 200) {
            return fail(kind, submitted);
        }
        Answer validated = send(kind, token, "POST", "/api/v1/assessments/" + id + "/validate", "{\"version\":" + submitted.version()
                + "}", "application/json");
        return validated.status() == 200 || fail(kind, validated);
    }

    private boolean fail(String kind, Answer a) {
        if (kind == null) {
            throw new IllegalStateException("set-up step answered " + a);
        }
        problems.add(kind + " step answered " + a.status() + " " + a.body().substring(0, Math.min(200, a.body().length())));
        return false;
    }

    /** One accepted save of the shared draft: the version it produced and the value it wrote. */
    private record Save(long version, int value) {
    }

    /** Creates the district and its users through the API as {@code adminUser}, runs the load, checks and returns. */
    public Result run(String adminUser, String adminPassword, PrintStream log) throws InterruptedException {
        long setupStart = System.nanoTime();
        String admin = login(adminUser, adminPassword);
        String s = Long.toString(System.nanoTime(), 36);
        long region = setup(admin, "POST", "/api/v1/regions", "{\"code\":\"LD" + s + "\",\"name\":\"Load " + s + "\"}").id();
        long district = setup(admin, "POST", "/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Load district\",\"naceCode\":\"25.62\"}").id();
        long rti = setup(admin, "POST", "/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI " + s
                + "\",\"kind\":\"RTI\",\"marketActor\":false}").id();
        long programme = setup(admin, "POST", "/api/v1/programmes", "{\"code\":\"LP" + s + "\",\"name\":\"Load programme\",\"regionId\":"
                + region + ",\"startsOn\":\"2022-01-01\",\"rtiIds\":[" + rti + "],\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}").id();
        int firmCount = Math.max(options.firmUsers(), options.assessors());
        Random random = new Random(options.seed());
        long[] firms = new long[firmCount];
        String[] technologies = {"ROBOTICS", "CLOUD", "ERP_MES"};
        for (int i = 0; i < firmCount; i++) {
            firms[i] = firm(admin, district, "F" + i);
            setup(admin, "POST", "/api/v1/rti-assignments", "{\"institutionId\":" + rti + ",\"firmId\":" + firms[i] + "}");
            complete(null, admin, draft(admin, firms[i], "T0", "2023-0" + (1 + i % 9) + "-15"));
            for (int t = 0; t < 2; t++) {
                setup(admin, "POST", "/api/v1/adoptions", "{\"firmId\":" + firms[i] + ",\"technologyCode\":\"" + technologies[(i + t) % 3]
                        + "\",\"date\":\"" + (2018 + random.nextInt(7)) + "-0" + (1 + random.nextInt(9)) + "-01\"}");
            }
            if (i % 2 == 0) { // half the firms enrolled, in two cohorts
                long enrolment = setup(admin, "POST", "/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firms[i]
                        + ",\"enrolledOn\":\"" + (i % 4 == 0 ? "2022-03-01" : "2023-03-01") + "\"}").id();
                setup(admin, "PUT", "/api/v1/programmes/" + programme + "/enrolments/" + enrolment + "/consent", "{\"granted\":true}");
            }
        }
        int pairs = options.assessors() / 2;
        long[] shared = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            shared[p] = draft(admin, firms[p], "T1", "2025-06-01");
        }
        long[] fresh = new long[options.assessors()];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = firm(admin, district, "N" + i);
            setup(admin, "POST", "/api/v1/rti-assignments", "{\"institutionId\":" + rti + ",\"firmId\":" + fresh[i] + "}");
        }
        String[] assessorTokens = new String[options.assessors()];
        for (int i = 0; i < assessorTokens.length; i++) {
            user(admin, "la" + i + "-" + s, "RTI_ASSESSOR", "\"institutionId\":" + rti);
            assessorTokens[i] = login("la" + i + "-" + s, PASSWORD);
        }
        String[] firmTokens = new String[options.firmUsers()];
        for (int i = 0; i < firmTokens.length; i++) {
            user(admin, "lf" + i + "-" + s, "FIRM_USER", "\"firmId\":" + firms[i]);
            firmTokens[i] = login("lf" + i + "-" + s, PASSWORD);
        }
        String[] analystTokens = new String[options.analysts()];
        for (int i = 0; i < analystTokens.length; i++) {
            user(admin, "lg" + i + "-" + s, "AGENCY_ANALYST", "\"regionId\":" + region);
            analystTokens[i] = login("lg" + i + "-" + s, PASSWORD);
        }
        log.printf("set-up: %d firms (+%d fresh), %d shared drafts, %d users in %.1f s%n", firmCount, fresh.length, pairs,
                assessorTokens.length + firmTokens.length + analystTokens.length, (System.nanoTime() - setupStart) / 1e9);

        Map<Long, List<Save>> saves = new ConcurrentHashMap<>();
        stopAt = System.nanoTime() + options.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.assessors(); i++) {
            int n = i;
            threads.add(thread("assessor-" + n, () -> assessor(assessorTokens[n],
                    shared[Math.min(n / 2, pairs - 1)], fresh[n], saves, new Random(options.seed() + n))));
        }
        for (int i = 0; i < options.firmUsers(); i++) {
            int n = i;
            threads.add(thread("firm-user-" + n, () -> loop(new Random(options.seed() + 1000 + n), 1000, 3000,
                    () -> send("benchmark report", firmTokens[n], "GET", "/api/v1/firms/" + firms[n]
                            + "/benchmark?model=digital-maturity&version=1.0.0", null, "application/json"))));
        }
        for (int i = 0; i < options.analysts(); i++) {
            int n = i;
            threads.add(thread("analyst-" + n, () -> loop(new Random(options.seed() + 2000 + n), 2000, 5000, () -> {
                String technology = technologies[n % 3];
                send("district diffusion", analystTokens[n], "GET", "/api/v1/districts/" + district + "/diffusion?technology=" + technology,
                        null, "application/json");
                send("programme evaluation", analystTokens[n], "GET", "/api/v1/programmes/" + programme
                        + "/evaluation?outcome=adoption&technology=" + technology, null, "application/json");
            })));
        }
        // The importer loads another region's registry, so the programme's district keeps its size over a long run
        // (a 10-minute run imports about 30 000 firms) while the import still competes for the same service.
        long importRegion = setup(admin, "POST", "/api/v1/regions", "{\"code\":\"LI" + s + "\",\"name\":\"Import " + s + "\"}").id();
        long importDistrict = setup(admin, "POST", "/api/v1/districts", "{\"regionId\":" + importRegion
                + ",\"name\":\"Import district\",\"naceCode\":\"25.62\"}").id();
        threads.add(thread("importer", () -> importer(admin, importDistrict)));
        threads.forEach(Thread::start);
        long hung = 0;
        for (Thread t : threads) {
            t.join(options.duration().plus(options.timeout()).multipliedBy(2).toMillis());
            if (t.isAlive()) {
                hung++;
                problems.add(t.getName() + " still running after the end");
            }
        }

        long lost = 0;
        for (int p = 0; p < pairs; p++) {
            List<Save> accepted = new ArrayList<>(saves.getOrDefault(shared[p], List.of()));
            long distinct = accepted.stream().mapToLong(Save::version).distinct().count();
            lost += accepted.size() - distinct; // two accepted saves that produced the same version: one overwrote the other
            Answer back = setup(admin, "GET", "/api/v1/assessments/" + shared[p], null);
            if (accepted.isEmpty()) {
                continue;
            }
            Save last = accepted.stream().max((x, y) -> Long.compare(x.version(), y.version())).orElseThrow();
            Matcher m = Pattern.compile("\"item\"\\s*:\\s*\"HC2\"[^}]*?\"value\"\\s*:\\s*(\\d+)").matcher(back.body());
            if (back.version() != last.version() || !m.find() || Integer.parseInt(m.group(1)) != last.value()) {
                lost++;
                problems.add("shared draft " + shared[p] + ": stored version " + back.version() + " / HC2 " + (m.find(0) ? m.group(1) : "?")
                        + ", last accepted save version " + last.version() + " / HC2 " + last.value());
            }
        }
        if (hung > 0) {
            kinds.computeIfAbsent("threads hung", k -> new Kind()).statuses.put(-1, new AtomicLong(hung));
        }
        return new Result(kinds, lost, staleNot409.get(), validations.get(), imports.get(), List.copyOf(problems));
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true); // a user stuck in a request must not keep the JVM alive
        return t;
    }

    private boolean running() {
        return System.nanoTime() < stopAt;
    }

    private void think(Random random, int minMs, int maxMs) {
        long ms = (long) ((minMs + random.nextInt(maxMs - minMs + 1)) * options.thinkScale());
        long left = (stopAt - System.nanoTime()) / 1_000_000;
        try {
            Thread.sleep(Math.max(0, Math.min(ms, left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(Random random, int minMs, int maxMs, Runnable step) {
        think(random, 0, maxMs);
        while (running()) {
            step.run();
            think(random, minMs, maxMs);
        }
    }

    /** Reads the shared draft, saves HC2 with the version read; halfway through, runs its fresh firm's T0 to validation. */
    private void assessor(String token, long draft, long freshFirm, Map<Long, List<Save>> saves, Random random) {
        long halfway = stopAt - options.duration().toNanos() / 2;
        boolean validated = false;
        think(random, 0, 1000);
        while (running()) {
            if (!validated && System.nanoTime() > halfway) {
                validated = true;
                Answer created = send("assessment create", token, "POST", "/api/v1/assessments", "{\"firmId\":" + freshFirm
                        + ",\"modelId\":\"digital-maturity\",\"modelVersion\":\"1.0.0\",\"wave\":\"T0\",\"date\":\"2025-05-01\"}",
                        "application/json");
                if (created.status() == 201 || created.status() == 200) {
                    if (complete("assessment validate", token, created.id())) {
                        validations.incrementAndGet();
                    }
                } else {
                    fail("assessment create", created);
                }
            }
            Answer read = send("assessment read", token, "GET", "/api/v1/assessments/" + draft, null, "application/json");
            if (read.status() == 200) {
                long version = read.version();
                think(random, 100, 400); // the other assessor of the pair may save meanwhile
                int value = random.nextInt(11);
                Answer saved = send("answers save", token, "PUT", "/api/v1/assessments/" + draft + "/answers", "{\"version\":" + version
                        + ",\"answers\":[{\"item\":\"HC2\",\"value\":" + value + "}]}", "application/json");
                if (saved.status() == 200) {
                    saves.computeIfAbsent(draft, d -> Collections.synchronizedList(new ArrayList<>())).add(new Save(saved.version(), value));
                    if (saved.version() <= version) {
                        staleNot409.incrementAndGet();
                        problems.add("save with version " + version + " accepted as version " + saved.version());
                    }
                } else if (saved.status() != 409 && saved.status() > 0) {
                    staleNot409.incrementAndGet();
                    problems.add("save answered " + saved.status() + " " + saved.body().substring(0, Math.min(200, saved.body().length())));
                }
            }
            think(random, 500, 1500);
        }
    }

    /** One import at a time: new firms through the API, then a CSV campaign (T0, T1) for them, polled to its end. */
    private void importer(String admin, long district) {
        int round = 0;
        while (running()) {
            StringBuilder csv = new StringBuilder("firmId,wave,date");
            for (String area : AREAS) {
                for (int stage = 1; stage <= 6; stage++) {
                    csv.append(',').append(area).append(stage);
                }
            }
            csv.append('\n');
            for (int i = 0; i < 20; i++) {
                Answer f = send("import firm create", admin, "POST", "/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"I" + round
                        + "-" + i + "\",\"name\":\"Imported " + round + "-" + i + "\",\"naceCode\":\"25.62\",\"employees\":30}", "application/json");
                if (f.status() != 201 && f.status() != 200) {
                    continue;
                }
                for (String[] wave : new String[][]{{"T0", "2024-03-01", "2"}, {"T1", "2025-03-01", "4"}}) {
                    csv.append(f.id()).append(',').append(wave[0]).append(',').append(wave[1]);
                    for (int c = 0; c < 24; c++) {
                        csv.append(',').append(c % 6 < 3 ? wave[2] : "1");
                    }
                    csv.append('\n');
                }
            }
            Answer job = send("import submit", admin, "POST", "/api/v1/assessments/import?model=i40-stages&version=1.0.0", csv.toString(),
                    "text/csv");
            round++;
            if (job.status() != 202) {
                fail("import submit", job);
                continue;
            }
            String href = "/api/v1/jobs/" + job.id();
            while (true) {
                Answer state = send("import job poll", admin, "GET", href, null, "application/json");
                Matcher m = STATUS.matcher(state.body());
                if (state.status() != 200 || !m.find() || Arrays.asList("SUCCEEDED", "FAILED", "CANCELLED").contains(m.group(1))) {
                    if (m.find(0) && !"SUCCEEDED".equals(m.group(1))) {
                        problems.add("import job " + href + " ended " + m.group(1));
                    }
                    imports.incrementAndGet();
                    break;
                }
                if (System.nanoTime() > stopAt + options.timeout().toNanos()) {
                    kinds.computeIfAbsent("import job poll", k -> new Kind()).record(-1, 0);
                    problems.add("import job " + href + " still running " + options.timeout() + " after the end");
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
