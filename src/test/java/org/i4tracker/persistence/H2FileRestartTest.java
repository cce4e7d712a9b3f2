package org.i4tracker.persistence;

import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.H2File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default database is an H2 file under {@code i4.data-dir}: what is written survives a restart. */
class H2FileRestartTest {

    private static EmbeddedServer start(Path dataDir) {
        return H2File.start(dataDir, "i4tracker", H2File.DEFAULT_OPTIONS);
    }

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) {
        long id;
        try (EmbeddedServer server = start(dataDir); HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            id = new Api(http).create("/api/v1/regions", "{\"code\":\"KEEP\",\"name\":\"Kept region\"}");
        }
        assertTrue(Files.exists(dataDir.resolve("i4tracker.mv.db")), "database file written under i4.data-dir");
        try (EmbeddedServer server = start(dataDir); HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            assertEquals("Kept region", new Api(http).get("/api/v1/regions/" + id).get("name"));
        }
    }
}
