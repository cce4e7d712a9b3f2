package org.i4tracker.model;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An invalid model file stops the service at start-up with the file and the JSON path in the message. */
class ModelFolderTest {

    @TempDir
    Path dir;

    private void copy(String name, String replace, String with) throws Exception {
        Files.writeString(dir.resolve(name), Files.readString(Path.of("assessment-models", name)).replace(replace, with));
    }

    @Test
    void loadsEveryShippedModel() {
        assertEquals(3, new ModelFolder(Path.of("assessment-models")).load().size());
    }

    @Test
    void invalidFileNamesFileAndPath() throws Exception {
        copy(ModelFolder.SCHEMA_FILE, "", "");
        copy("digital-maturity-1.0.0.json", "\"weight\": 2", "\"weight\": -2");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ModelFolder(dir).load());
        assertTrue(e.getMessage().contains("digital-maturity-1.0.0.json"), e.getMessage());
        assertTrue(e.getMessage().contains("$.dimensions[0].items[0].weight"), e.getMessage());
    }

    @Test
    void serviceRefusesToStartWithAnInvalidFile() throws Exception {
        copy(ModelFolder.SCHEMA_FILE, "", "");
        copy("i40-stages-1.0.0.json", "\"overallRule\": \"STAGED\"", "\"overallRule\": \"MEDIAN\"");
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("i4.models.dir", dir.toString()), "test")) {
                ctx.getBean(ModelRegistry.class);
            }
        });
        String message = messages(e);
        assertTrue(message.contains("i40-stages-1.0.0.json") && message.contains("$.overallRule"), message);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
