package org.i4tracker.typology;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typology thresholds come from application.yml (DESIGN.md §7), and a refused value stops the start naming its key. */
class TypologySettingsTest {

    @Test
    void defaultsAreThoseOfTheMethod() {
        try (ApplicationContext context = ApplicationContext.run("test")) {
            assertEquals(TypologyThresholds.DEFAULTS, context.getBean(TypologySettings.class).defaults());
        }
    }

    @Test
    void aRefusedValueStopsTheStartNamingTheKey() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(Map.of("i4.typology.high-lq", "0.5"), "test").close());
        String messages = messages(e);
        assertTrue(messages.contains("i4.typology.high-lq must be at least minLq (1.0)"), messages);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
