package org.i4tracker.telemetry;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Mosquitto of a test's own on a loopback port: its config, log and data files in the test's directory. */
final class TestMosquitto {

    private final Path dir;
    private final int port;
    private final List<String> settings;
    private Process process;

    /** {@code settings}: mosquitto.conf lines for the listener, beside anonymous access and the log file. */
    TestMosquitto(Path dir, int port, List<String> settings) {
        this.dir = dir;
        this.port = port;
        this.settings = List.copyOf(settings);
    }

    /** Skips the calling test, with the reason printed, unless a {@code mosquitto} binary is on the PATH. */
    static void assumeInstalled(String test) {
        assumeRuns(test, "mosquitto", "-h");
    }

    /** Skips the calling test, with the reason printed, unless the command's binary can be started. */
    static void assumeRuns(String test, String... command) {
        boolean installed = runs(command);
        if (!installed) {
            System.out.println("SKIPPED " + test + ": no " + command[0] + " binary on the PATH (apt-get install " + command[0] + ")");
        }
        Assumptions.assumeTrue(installed, "skipped: no " + command[0] + " binary on the PATH");
    }

    /** True when the command can be started (its exit code does not matter). */
    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void start() throws Exception {
        // mosquitto started as root drops to the user 'mosquitto', which must be able to read and write here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> conf = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "allow_anonymous true",
                "log_dest file " + dir.resolve("mosquitto.log")));
        conf.addAll(settings);
        conf.add("");
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, String.join("\n", conf));
        process = new ProcessBuilder("mosquitto", "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        MqttTestSupport.await(Duration.ofSeconds(10), () -> MqttTestSupport.reachable("127.0.0.1", port), "mosquitto on port " + port);
    }

    /** A clean restart: SIGTERM, which makes mosquitto write its persistence file, then a new process with the same config. */
    void restart() throws Exception {
        stop();
        start();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
