package org.i4tracker.job;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job settings come from application.yml, and a bad value stops the start with a message naming its key. */
class JobSettingsTest {

    @Test
    void defaultsComeFromApplicationYml() {
        try (ApplicationContext context = ApplicationContext.run("test")) {
            assertEquals(new JobSettings(2, Duration.ofMillis(250)), context.getBean(JobSettings.class));
        }
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() {
        assertStops(Map.of("i4.jobs.threads", "0"), "i4.jobs.threads must be between 1 and 64, is 0");
        assertStops(Map.of("i4.jobs.progress-period", "0ms"), "i4.jobs.progress-period must be set and at least 1ms, is PT0S");
    }

    private static void assertStops(Map<String, Object> properties, String message) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ApplicationContext.run(properties, "test").close());
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        assertTrue(all.toString().contains(message), all.toString());
    }
}
