package org.i4tracker.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo region and its users with a published password appear only when asked for: a plain start
 * (the packaged jar, without the test profile) loads nothing and says how to turn the demo on, while
 * {@code ./mvnw mn:run}, the README's first command, asks for it.
 */
class DemoDefaultTest {

    @Test
    void aPlainStartLoadsNoDemoUsersAndSaysHowToAskForThem() throws Exception {
        Path dataDir = Files.createTempDirectory("i4-plain-start");
        Logger demoLog = (Logger) LoggerFactory.getLogger("org.i4tracker.demo");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        demoLog.addAppender(lines);
        // The test logging configuration keeps the service's INFO lines quiet; this one is under test.
        Level quiet = demoLog.getLevel();
        demoLog.setLevel(Level.INFO);
        // No "test" environment: application.yml's own defaults, as `java -jar` would see them.
        try (EmbeddedServer server = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("micronaut.server.port", -1, "i4.data-dir", dataDir.toString(), "i4.security.bcrypt-cost", 4))
                .run(EmbeddedServer.class);
             HttpClient client = HttpClient.create(server.getURL())) {
            var refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                    HttpRequest.POST("/login", Map.of("username", "admin", "password", DemoUsersStep.PASSWORD))));
            assertEquals(401, refused.code());
            assertTrue(server.getApplicationContext().findBean(DemoLoader.class).isEmpty());
        } finally {
            demoLog.detachAppender(lines);
            demoLog.setLevel(quiet);
        }
        assertTrue(lines.list.stream().anyMatch(e -> e.getFormattedMessage().contains("i4.demo.enabled=true")),
                "one log line tells how to turn the demo on: " + lines.list);
    }

    /** application.yml alone (no test profile): telemetry follows the demo switch unless set on its own. */
    @Test
    void theDemoSwitchAlsoStartsTelemetrySoTheFirstRunShowsLiveMachines() {
        assertEquals(java.util.Optional.of(true), propertyWith(Map.of("i4.demo.enabled", "true"), "i4.mqtt.enabled"));
        assertEquals(java.util.Optional.of(false), propertyWith(Map.of(), "i4.mqtt.enabled"));
        assertEquals(java.util.Optional.of(false), propertyWith(Map.of("i4.demo.enabled", "true", "i4.mqtt.enabled", "false"), "i4.mqtt.enabled"),
                "telemetry can still be switched off under the demo");
    }

    private static java.util.Optional<Boolean> propertyWith(Map<String, Object> properties, String name) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(properties).build()) {
            return context.getEnvironment().start().getProperty(name, Boolean.class);
        }
    }

    @Test
    void theReadmesFirstCommandAsksForTheDemo() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        int plugin = pom.indexOf("<artifactId>micronaut-maven-plugin</artifactId>");
        String arguments = pom.substring(pom.indexOf("<jvmArguments>", plugin), pom.indexOf("</jvmArguments>", plugin));
        assertTrue(arguments.contains("-Di4.demo.enabled=true"), "mn:run passes the demo switch: " + arguments);
    }
}
