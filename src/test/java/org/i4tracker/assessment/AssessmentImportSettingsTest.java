package org.i4tracker.assessment;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import settings come from application.yml, and a bad value stops the start with a message naming its key. */
class AssessmentImportSettingsTest {

    @Test
    void defaultsComeFromApplicationYml() {
        try (ApplicationContext context = ApplicationContext.run("test")) {
            assertEquals(new AssessmentImportSettings(500, 0), context.getBean(AssessmentImportSettings.class));
        }
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() {
        RuntimeException batch = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(Map.of("i4.assessments.import.batch-size", "0"), "test").close());
        assertTrue(messages(batch).contains("i4.assessments.import.batch-size must be between 1 and 100000, is 0"), messages(batch));
        RuntimeException writers = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(Map.of("i4.assessments.import.writers", "-1"), "test").close());
        assertTrue(messages(writers).contains("i4.assessments.import.writers must be between 0 and 16, is -1"), messages(writers));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
