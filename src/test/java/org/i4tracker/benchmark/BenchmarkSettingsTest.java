package org.i4tracker.benchmark;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark settings come from application.yml, and a bad value stops the start with a message naming its key. */
class BenchmarkSettingsTest {

    @Test
    void defaultsComeFromApplicationYml() {
        try (ApplicationContext context = ApplicationContext.run("test")) {
            assertEquals(new BenchmarkSettings(5, 20, 5, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(15)),
                    context.getBean(BenchmarkSettings.class));
        }
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() {
        assertStops(Map.of("i4.benchmark.k-floor", "0"), "i4.benchmark.k-floor must be at least 1, is 0");
        assertStops(Map.of("i4.benchmark.full-figures-from", "4"), "i4.benchmark.full-figures-from must be at least i4.benchmark.k-floor = 5, is 4");
        assertStops(Map.of("i4.benchmark.resolution-percent", "3"), "i4.benchmark.resolution-percent must divide 100, is 3");
        assertStops(Map.of("i4.benchmark.refresh-interval", "0s"), "i4.benchmark.refresh-interval must be set and at least 1ms, is PT0S");
        assertStops(Map.of("i4.benchmark.validation-slack", "-1s"), "i4.benchmark.validation-slack must be set and not negative, is PT-1S");
        assertStops(Map.of("i4.benchmark.full-rebuild-interval", "0ms"), "i4.benchmark.full-rebuild-interval must be set and at least 1ms, is PT0S");
    }

    private static void assertStops(Map<String, Object> properties, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(properties, "test").close());
        assertTrue(messages(e).contains(message), messages(e));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
