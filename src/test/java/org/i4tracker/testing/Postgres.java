package org.i4tracker.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The project's PostgreSQL (127.0.0.1:5432, user postgres, database test, trust auth) for
 * integration tests. Each test gets a schema of its own, or a database of its own
 * ({@link #freshDatabaseOrSkip}), dropped afterwards. When no server is reachable the calling test is
 * skipped with a printed reason, as on a laptop without PostgreSQL.
 */
public final class Postgres implements AutoCloseable {

    public static final String HOST = System.getProperty("i4.test.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("i4.test.pg.port", 5432);
    public static final String DATABASE = System.getProperty("i4.test.pg.database", "test");
    public static final String USER = System.getProperty("i4.test.pg.user", "postgres");

    private final String schema;
    private final String database;

    private Postgres(String schema, String database) {
        this.schema = schema;
        this.database = database;
    }

    /** Skips the calling test (with the reason printed) unless PostgreSQL answers; otherwise creates a fresh schema. */
    public static Postgres freshSchemaOrSkip() {
        skipUnlessReachable();
        String schema = freshName();
        execute("CREATE SCHEMA " + schema);
        return new Postgres(schema, DATABASE);
    }

    /** Skips the calling test (with the reason printed) unless PostgreSQL answers; otherwise creates a fresh database. */
    public static Postgres freshDatabaseOrSkip() {
        skipUnlessReachable();
        String database = freshName();
        execute("CREATE DATABASE " + database);
        return new Postgres(null, database);
    }

    /** A name no other test uses, for a schema or a database. */
    public static String freshName() {
        return "i4test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void skipUnlessReachable() {
        String reason = unreachableReason();
        if (reason != null) {
            System.out.println("SKIPPED PostgreSQL integration test: " + reason);
        }
        assumeTrue(reason == null, () -> "PostgreSQL not available: " + reason);
    }

    /** Drops {@code database} (a test's own, made with {@link #freshName}), closing its connections. */
    public static void dropDatabase(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static String unreachableReason() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (Exception e) {
            return "nothing listens on " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
        }
        try (Connection ignored = DriverManager.getConnection(adminUrl(), USER, "")) {
            return null;
        } catch (SQLException e) {
            return "cannot log in to " + adminUrl() + " as " + USER + ": " + e.getMessage();
        }
    }

    private static String adminUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl(), USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public String url() {
        return schema == null ? urlOf(database) : adminUrl() + "?currentSchema=" + schema + "&reWriteBatchedInserts=true";
    }

    /** The JDBC URL of another database of the server (one a test made with {@link #freshName}). */
    public static String urlOf(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database + "?reWriteBatchedInserts=true";
    }

    /** The fresh database's name; the server's shared one for a fresh schema. */
    public String database() {
        return database;
    }

    /** Micronaut properties that point the default datasource at this schema or database. */
    public Map<String, Object> datasourceProperties() {
        return datasourceProperties(url());
    }

    /** Micronaut properties that point the default datasource at {@code url} of this server. */
    public static Map<String, Object> datasourceProperties(String url) {
        return Map.of("datasources.default.url", url,
                "datasources.default.username", USER,
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES");
    }

    @Override
    public void close() {
        if (schema == null) {
            dropDatabase(database);
        } else {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * Writes a region, a district and a firm {@code code} with plain SQL on the connection (for tests that drive
     * repositories or tables directly) and returns the firm's id.
     */
    public static long insertFirm(Connection c, String code) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO region (code, name) VALUES ('R" + code + "', 'Valencia')");
            s.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Toy valley', '32.40' FROM region WHERE code = 'R" + code + "'");
            var rs = s.executeQuery("SELECT MAX(id) FROM district");
            rs.next();
            long district = rs.getLong(1);
            s.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) VALUES (" + district + ", '" + code + "', 'Toys', '32.40', 30)");
            rs = s.executeQuery("SELECT id FROM firm WHERE code = '" + code + "'");
            rs.next();
            return rs.getLong(1);
        }
    }
}
