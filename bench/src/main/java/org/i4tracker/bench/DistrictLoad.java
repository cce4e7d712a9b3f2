package org.i4tracker.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.H2File;
import org.i4tracker.testing.load.LoadDriver;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Load harness of a district programme (issue 21 §2): starts the service (H2 file database in a temp directory, or
 * PostgreSQL with {@code --pg}, schema {@code bench_district}, recreated) on a loopback port, or uses a running one with
 * {@code --url URL --admin USER --password PW}, and drives it with {@link LoadDriver}: assessors saving answers with
 * versions and validating, firm users reading benchmark reports, analysts running diffusion and evaluation views, one CSV
 * import after another. Prints p50/p95/p99 per request kind, 5xx, unanswered requests and lost updates; exits 1 when any
 * of those is not zero. The driver lives in the test sources, so the bench runs on the test classpath:
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt && mkdir -p bench/target/classes
 * javac -d bench/target/classes -cp target/classes:target/test-classes:$(cat cp.txt) bench/src/main/java/org/i4tracker/bench/{DistrictLoad,ServiceProperties}.java
 * java -cp target/classes:target/test-classes:bench/target/classes:$(cat cp.txt) org.i4tracker.bench.DistrictLoad \
 *   --assessors 50 --firm-users 200 --analysts 20 --minutes 10
 * </pre>
 */
public final class DistrictLoad {

    private static final String ADMIN = ServiceProperties.ADMIN;
    private static final String PASSWORD = ServiceProperties.PASSWORD;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--assessors", "50", "--firm-users", "200", "--analysts", "20",
                "--minutes", "10", "--timeout-seconds", "30", "--think-scale", "1", "--seed", "21"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        LoadDriver.Options options = new LoadDriver.Options(Integer.parseInt(o.get("--assessors")), Integer.parseInt(o.get("--firm-users")),
                Integer.parseInt(o.get("--analysts")), Duration.ofMillis((long) (Double.parseDouble(o.get("--minutes")) * 60_000)),
                Duration.ofSeconds(Long.parseLong(o.get("--timeout-seconds"))), Double.parseDouble(o.get("--think-scale")),
                Long.parseLong(o.get("--seed")));
        System.out.println("options: " + options + (o.containsKey("--pg") ? " on " + o.get("--pg") : o.containsKey("--url") ? " against "
                + o.get("--url") : " on H2"));
        LoadDriver.Result result;
        if (o.containsKey("--url")) {
            result = new LoadDriver(URI.create(o.get("--url")), options).run(o.get("--admin"), o.get("--password"), System.out);
        } else {
            try (ApplicationContext ctx = ApplicationContext.builder().properties(properties(o)).start()) {
                EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
                result = new LoadDriver(server.getURI(), options).run(ADMIN, PASSWORD, System.out);
            }
        }
        result.print(System.out);
        System.exit(result.serverErrors() + result.unanswered() + result.lostUpdates() + result.staleNot409() == 0 ? 0 : 1);
    }

    private static Map<String, Object> properties(Map<String, String> o) throws Exception {
        return ServiceProperties.of(o, Files.createTempDirectory("i4-district-load"), "bench_district", H2File.DEFAULT_OPTIONS, "");
    }
}
