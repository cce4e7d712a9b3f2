package org.i4tracker.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The service on an H2 file database in a test's directory instead of the test profile's in-memory one. */
public final class H2File {

    /** The options of the default URL in application.yml. */
    public static final String DEFAULT_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;AUTO_COMPACT_FILL_RATE=0;DB_CLOSE_ON_EXIT=FALSE";

    private H2File() {
    }

    /** Starts the service with the database file {@code dataDir/name} opened with {@code options}. */
    public static EmbeddedServer start(Path dataDir, String name, String options) {
        return start(dataDir, name, options, Map.of());
    }

    /** As {@link #start(Path, String, String)}, with more properties. */
    public static EmbeddedServer start(Path dataDir, String name, String options, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        all.put("i4.data-dir", dataDir.toString());
        all.put("datasources.default.url", "jdbc:h2:file:" + dataDir.resolve(name) + options);
        return ApplicationContext.run(EmbeddedServer.class, all, "test");
    }
}
