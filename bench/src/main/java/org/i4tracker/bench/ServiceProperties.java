package org.i4tracker.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties with which a load harness starts the service in its own JVM: a fresh H2 file under {@code dir}, or,
 * with {@code --pg URL} (and {@code --pg-user}, default postgres), a schema of its own on that PostgreSQL server,
 * dropped and created again; HTTP on a free loopback port, no demo data, and a bootstrap administrator the harness
 * logs in as (bcrypt cost 4, so that logins do not weigh on the figures).
 */
final class ServiceProperties {

    static final String ADMIN = "bench-admin";
    static final String PASSWORD = "bench-password-123";

    private ServiceProperties() {
    }

    /**
     * @param h2Options the settings after the H2 file name (e.g. {@code ;MODE=PostgreSQL;…})
     * @param pgOptions what follows {@code ?currentSchema=SCHEMA} in the PostgreSQL URL (e.g. {@code &reWriteBatchedInserts=true})
     */
    static Map<String, Object> of(Map<String, String> o, Path dir, String schema, String h2Options, String pgOptions) throws Exception {
        Map<String, Object> props = new HashMap<>();
        if (o.containsKey("--pg")) { // e.g. --pg jdbc:postgresql://127.0.0.1:5432/test
            try (Connection c = DriverManager.getConnection(o.get("--pg"), o.getOrDefault("--pg-user", "postgres"), "");
                 Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            props.put("datasources.default.url", o.get("--pg") + "?currentSchema=" + schema + pgOptions);
            props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
            props.put("datasources.default.username", o.getOrDefault("--pg-user", "postgres"));
            props.put("datasources.default.dialect", "POSTGRES");
        } else {
            props.put("datasources.default.url", "jdbc:h2:file:" + dir.resolve("i4") + h2Options);
            props.put("datasources.default.driver-class-name", "org.h2.Driver");
            props.put("datasources.default.username", "sa");
            props.put("datasources.default.dialect", "H2");
        }
        props.put("datasources.default.password", "");
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "127.0.0.1");
        props.put("i4.demo.enabled", false);
        props.put("i4.data-dir", dir.toString());
        props.put("i4.bootstrap.admin-user", ADMIN);
        props.put("i4.bootstrap.admin-password", PASSWORD);
        props.put("i4.security.bcrypt-cost", 4);
        return props;
    }
}
