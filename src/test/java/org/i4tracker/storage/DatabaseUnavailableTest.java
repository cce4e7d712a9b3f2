package org.i4tracker.storage;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cause chains seen in {@code DatabaseOutageTest} when PostgreSQL stopped, and failures that are not an outage. */
class DatabaseUnavailableTest {

    @Test
    void poolTimeoutWrappedByMicronautIsAnOutageWithBothReasons() {
        var refused = new SQLException("Connection to 127.0.0.1:5433 refused", "08001", new ConnectException("Connection refused"));
        var timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms", null, refused);
        var wrapped = new CannotCreateTransactionException("Could not open connection", new ConnectionException("Failed to obtain JDBC Connection", timeout));
        assertEquals("SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 5000ms;"
                + " cause: ConnectException: Connection refused", DatabaseUnavailable.reason(wrapped).orElseThrow());
    }

    @Test
    void serverShutdownAndEvictedConnectionsAreOutages() {
        assertTrue(DatabaseUnavailable.reason(new DataAccessException("update failed",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"))).isPresent());
        assertTrue(DatabaseUnavailable.reason(new SQLException("the database system is starting up", "57P03")).isPresent());
        assertTrue(DatabaseUnavailable.reason(new ConnectionException("read-only",
                new SQLException("Connection is closed"))).isPresent(), "HikariCP's evicted connection, without SQLSTATE");
        assertTrue(DatabaseUnavailable.reason(new IllegalStateException("firm search failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isPresent());
    }

    @Test
    void faultsOfTheRequestOrTheCodeAreNot() {
        assertTrue(DatabaseUnavailable.reason(new DataAccessException("duplicate",
                new SQLIntegrityConstraintViolationException("unique", "23505"))).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new SQLException("syntax error", "42601")).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new SQLException("no state")).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new IllegalStateException("boom")).isEmpty());
    }
}
