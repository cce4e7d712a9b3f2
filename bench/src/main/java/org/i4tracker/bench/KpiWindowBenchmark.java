package org.i4tracker.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.telemetry.KpiBenchData;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 22 §3: KPI windows of one machine over 30 days with a region's telemetry stored, and the raw export of a window.
 *
 * <p>Starts the service on a fresh H2 file or PostgreSQL database (Flyway builds the schema; MQTT and the maintenance
 * passes off), registers {@code --machines} machines and writes {@code --days} days ending at the current minute as
 * {@code org.i4tracker.telemetry.KpiBenchData} describes: every machine has every minute's chunk and rollup row, the
 * machine under test (the first) one sample a second, the others {@code --other-samples} a minute; the last 3 minutes
 * not rolled up yet. Then it times, over HTTP with an admin's token, {@code --requests} requests (after 3 untimed) of
 * {@code GET /api/v1/machines/{id}/kpis} for the whole range with HOUR, SHIFT and DAY windows, and of
 * {@code GET /api/v1/machines/{id}/samples} for the last hour (3 600 raw samples, limit 5 000), printing p50, p95 and max
 * (nearest rank) and the good count summed over the windows, which must be the same for every window size.
 *
 * <pre>
 * java -cp target/classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.KpiWindowBenchmark \
 *   --db h2 --machines 1000 --days 30 --other-samples 1 --port 18210
 * </pre>
 * {@code --db pg --pg jdbc:postgresql://127.0.0.1:5432/test --pg-user postgres} uses a database created for the run and
 * dropped after it ({@code --keep-db true} keeps it, e.g. to look at query plans or to time it again later with
 * {@code --reuse DATABASE}, which skips the generation and times the kept data as it is). On H2 the folder of a
 * run (printed at its start) is kept, and {@code --reuse FOLDER} times it again.
 */
public final class KpiWindowBenchmark {

    private static final String ADMIN = "bench-admin";
    private static final String PASSWORD = "bench-password-1";
    private static final long IDEAL_CYCLE_MS = 850;

    private KpiWindowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--db", "h2", "--machines", "1000", "--days", "30", "--other-samples", "1",
                "--requests", "30", "--port", "18210", "--pg", "jdbc:postgresql://127.0.0.1:5432/test", "--pg-user", "postgres"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int machines = Integer.parseInt(o.get("--machines"));
        int days = Integer.parseInt(o.get("--days"));
        int other = Integer.parseInt(o.get("--other-samples"));
        Map<String, Object> props = new HashMap<>();
        String reuse = o.get("--reuse");
        boolean h2Reuse = reuse != null && o.get("--db").equals("h2");
        Path dir = h2Reuse ? Path.of(reuse) : Files.createTempDirectory("i4-kpi-bench");
        if (!h2Reuse) {
            System.out.println("H2 folder (when --db h2): " + dir);
        }
        String pgAdmin = o.get("--pg");
        String pgDatabase = reuse != null ? reuse : "i4bench_kpi_" + ProcessHandle.current().pid();
        boolean pg = o.get("--db").equals("pg");
        if (pg) {
            if (reuse == null) {
                try (Connection c = DriverManager.getConnection(pgAdmin, o.get("--pg-user"), "")) {
                    c.createStatement().execute("CREATE DATABASE " + pgDatabase);
                }
            }
            System.out.println("database: " + pgDatabase + (reuse != null ? " (reused as an earlier run left it)" : ""));
            props.putAll(Map.of("datasources.default.url", pgAdmin.substring(0, pgAdmin.lastIndexOf('/') + 1) + pgDatabase
                            + "?reWriteBatchedInserts=true",
                    "datasources.default.driver-class-name", "org.postgresql.Driver",
                    "datasources.default.username", o.get("--pg-user"), "datasources.default.password", "",
                    "datasources.default.dialect", "POSTGRES"));
        } else {
            props.putAll(Map.of("datasources.default.url", "jdbc:h2:file:" + dir.resolve("h2/i4")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_COMPACT_FILL_RATE=0",
                    "datasources.default.driver-class-name", "org.h2.Driver",
                    "datasources.default.username", "sa", "datasources.default.password", "",
                    "datasources.default.dialect", "H2"));
        }
        props.put("micronaut.server.port", Integer.parseInt(o.get("--port")));
        props.put("i4.demo.enabled", false);
        props.put("i4.data-dir", dir.resolve("data").toString());
        props.put("i4.mqtt.enabled", false);
        props.put("i4.telemetry.maintenance.enabled", false);
        props.put("flyway.datasources.default.enabled", true);
        props.put("i4.bootstrap.admin-user", ADMIN);
        props.put("i4.bootstrap.admin-password", PASSWORD);
        props.put("i4.security.bcrypt-cost", 4);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
            if (!server.isRunning()) {
                server.start();
            }
            DataSource ds = ctx.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(ctx.getBean(DataSource.class));
            long[] ids;
            Instant end;
            if (reuse != null) {
                ids = machineIds(ds);
                end = lastMinute(ds, ids[0]).plus(Duration.ofMinutes(1));
                System.out.printf("reused: %d machines, the target's data ending %s%n", ids.length, end);
            } else {
                ids = register(ds, machines);
                end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            }
            Instant start = end.minus(Duration.ofDays(days));
            if (reuse == null) {
                long began = System.nanoTime();
                long rows;
                try (Connection c = ds.getConnection()) {
                    rows = KpiBenchData.generate(c, ids, ids[0], start, days * 1440, other, IDEAL_CYCLE_MS, System.out);
                }
                double genSeconds = (System.nanoTime() - began) / 1e9;
                long samples = (long) days * 1440 * (60 + (long) other * (machines - 1));
                System.out.printf("generated on %s: %d machines x %d days = %,d chunk rows and %,d rollup rows (all but the last 3 minutes),"
                                + " %,d samples (machine %d at 1 Hz, %d others at %d a minute), range %s .. %s, in %.0f s%n",
                        pg ? "PostgreSQL" : "H2", machines, days, rows, rows - (long) machines * 3, samples, ids[0], machines - 1, other, start,
                        end, genSeconds);
            }
            System.out.println("stored size: " + size(ds, pg, dir));
            HttpClient http = HttpClient.newHttpClient();
            URI base = server.getURI();
            String token = BenchmarkReportLoad.login(http, base, ADMIN, PASSWORD);
            int n = Integer.parseInt(o.get("--requests"));
            for (String window : List.of("HOUR", "SHIFT", "DAY")) {
                time(http, base, token, n, "kpis " + window + " over " + days + " days",
                        "/api/v1/machines/" + ids[0] + "/kpis?from=" + start + "&to=" + end + "&window=" + window);
            }
            time(http, base, token, n, "raw samples of the last hour (limit 5000)",
                    "/api/v1/machines/" + ids[0] + "/samples?from=" + end.minus(Duration.ofHours(1)) + "&to=" + end + "&limit=5000");
            server.stop();
        } finally {
            if (pg && reuse == null && !Boolean.parseBoolean(o.getOrDefault("--keep-db", "false"))) {
                try (Connection c = DriverManager.getConnection(pgAdmin, o.get("--pg-user"), "")) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + pgDatabase);
                }
            }
        }
    }

    /** Times {@code n} GETs after 3 untimed ones; prints p50/p95/max and what the last answer held. */
    private static void time(HttpClient http, URI base, String token, int n, String what, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
        String body = null;
        double[] ms = new double[n];
        long[] gcBefore = new long[2];
        for (int i = -3; i < n; i++) {
            if (i == 0) {
                gcBefore = gc();
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
            }
            body = r.body();
            if (i >= 0) {
                ms[i] = (t1 - t0) / 1e6;
            }
        }
        long[] gcAfter = gc();
        StringBuilder inOrder = new StringBuilder();
        for (double m : ms) {
            inOrder.append(String.format(" %.0f", m));
        }
        Arrays.sort(ms);
        System.out.printf("%-44s n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms; %s; %,d bytes%n", what, n, ms[(int) Math.ceil(0.5 * n) - 1],
                ms[(int) Math.ceil(0.95 * n) - 1], ms[n - 1], summary(body), body.length());
        System.out.printf("    in order, ms:%s; garbage collections in this JVM (service and client) meanwhile: %d, %d ms%n", inOrder,
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    /** Collections and their total time (ms) of this JVM so far. */
    private static long[] gc() {
        long[] times = IngestBenchmark.vmTimes();
        return new long[] {times[1], times[2]};
    }

    private static String summary(String body) {
        Matcher windows = Pattern.compile("\"goodCount\":(\\d+)").matcher(body);
        long good = 0;
        int count = 0;
        while (windows.find()) {
            good += Long.parseLong(windows.group(1));
            count++;
        }
        return body.contains("\"windows\"") ? count + " windows, good count summed " + good : count + " readings";
    }

    private static String size(DataSource ds, boolean pg, Path dir) throws Exception {
        if (!pg) {
            return Files.size(dir.resolve("h2/i4.mv.db")) + " bytes (H2 file)";
        }
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT"
                + " (SELECT SUM(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = 'telemetry_chunk'::regclass),"
                + " pg_total_relation_size('telemetry_rollup')")) {
            rs.next();
            return rs.getLong(1) + " bytes in telemetry_chunk's partitions, " + rs.getLong(2) + " bytes in telemetry_rollup (indexes included)";
        }
    }

    /** Region, district, firm, plant KPI and machines m1..mN, with plain SQL; returns the machine ids. */
    private static long[] machineIds(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.id FROM machine m JOIN plant p ON p.id = m.plant_id WHERE p.code = 'KPIB' ORDER BY m.id")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static Instant lastMinute(DataSource ds, long machine) throws Exception {
        try (Connection c = ds.getConnection();
             var ps = c.prepareStatement("SELECT MAX(minute_start) FROM telemetry_chunk WHERE machine_id = ?")) {
            ps.setLong(1, machine);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static long[] register(DataSource ds, int machines) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("INSERT INTO region (code, name) VALUES ('KPIB', 'Bench region')");
            st.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'KPI bench', '28' FROM region WHERE code = 'KPIB'");
            st.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'KPIB', 'Bench firm', '28.41', 40"
                    + " FROM district WHERE name = 'KPI bench'");
            st.execute("INSERT INTO plant (code, name, firm_id) SELECT 'KPIB', 'Bench plant', id FROM firm WHERE code = 'KPIB'");
            for (int m = 1; m <= machines; m++) {
                st.execute("INSERT INTO machine (plant_id, code, name, ideal_cycle_time_ms) SELECT id, 'm" + m + "', 'm" + m + "', "
                        + IDEAL_CYCLE_MS + " FROM plant WHERE code = 'KPIB'");
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT m.id FROM machine m JOIN plant p ON p.id = m.plant_id WHERE p.code = 'KPIB' ORDER BY m.id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
