package org.i4tracker.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PostgreSQL cluster of the test's own, made with the machine's {@code initdb} and {@code pg_ctl} in a
 * temporary folder, on a free loopback port with its socket in that folder, so that a test may stop and
 * start it without touching the project's shared server. {@code initdb} refuses to run as root: as root
 * the commands run as the {@code postgres} user through {@code su}. Skips the calling test, with the
 * reason printed, where the binaries or that user are missing.
 */
public final class PostgresCluster implements AutoCloseable {

    /** Folder of {@code initdb}, {@code pg_ctl} and {@code postgres}; property {@code i4.test.pg.bin}. */
    private static final Path BIN = Path.of(System.getProperty("i4.test.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";

    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asRoot;

    private PostgresCluster(Path dir, int port, boolean asRoot) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Creates and starts a fresh cluster, or skips the calling test with the printed reason. */
    public static PostgresCluster startOrSkip(String what) throws IOException, InterruptedException {
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        String reason = missing(asRoot);
        if (reason != null) {
            System.out.println("SKIPPED " + what + ": " + reason);
        }
        assumeTrue(reason == null, () -> what + " skipped: " + reason);
        Path dir = Files.createTempDirectory("i4-pg-");
        PostgresCluster cluster = new PostgresCluster(dir, freePort(), asRoot);
        try {
            if (asRoot) {
                run(List.of("chown", OS_USER, dir.toString()), 10);
            }
            cluster.pg(60, BIN.resolve("initdb") + " -D " + cluster.data + " -A trust -U postgres -E UTF8 --no-sync");
            cluster.start();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static String missing(boolean asRoot) {
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(BIN.resolve(tool))) {
                return BIN.resolve(tool) + " not found (set -Di4.test.pg.bin to PostgreSQL's bin folder)";
            }
        }
        if (asRoot) {
            if (!Files.isExecutable(Path.of("/usr/bin/su")) && !Files.isExecutable(Path.of("/bin/su"))) {
                return "running as root, and initdb refuses root, but su is not installed";
            }
            try {
                run(List.of("id", OS_USER), 10);
            } catch (Exception e) {
                return "running as root, and initdb refuses root, but there is no '" + OS_USER + "' user to run it as";
            }
        }
        return null;
    }

    /** Starts the cluster and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        // fsync off: the test stops the server cleanly (it never crashes the machine), so it changes nothing it checks.
        pg(60, BIN.resolve("pg_ctl") + " -D " + data + " -l " + dir.resolve("server.log") + " -w -t 50 -o '-p " + port
                + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off' start");
    }

    /** Stops the cluster as an operator's {@code pg_ctl stop -m fast} does: open sessions are ended at once. */
    public void stop() throws IOException, InterruptedException {
        pg(60, BIN.resolve("pg_ctl") + " -D " + data + " -m fast -w -t 50 stop");
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Micronaut properties that point the default datasource at this cluster. */
    public Map<String, Object> datasourceProperties() {
        return Map.of("datasources.default.url", url(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES");
    }

    /** Stops the cluster if it runs and deletes its folder. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stop();
            }
        } catch (Exception e) {
            System.out.println("test PostgreSQL cluster in " + dir + " did not stop: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("test PostgreSQL folder " + dir + " not deleted: " + e.getMessage());
        }
    }

    private void pg(int timeoutSeconds, String command) throws IOException, InterruptedException {
        run(asRoot ? List.of("su", OS_USER, "-s", "/bin/sh", "-c", command) : List.of("/bin/sh", "-c", command), timeoutSeconds);
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("i4-pg-cmd", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "\n" + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
