package org.i4tracker.storage;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** The chains H2 2.3.232 answered in {@code DiskFullTest}: the failed write, then every statement on the closed database. */
    @Test
    void fullDiskUnderH2RefusesWritesAndItsClosedConnectionsAreEvicted() {
        var noSpace = new java.io.IOException("No space left on device");
        var write = new SQLException("General error: \"org.h2.mvstore.MVStoreException: Writing to FileChannelImpl failed\"", "HY000", 50000,
                new RuntimeException("Writing to sun.nio.ch.FileChannelImpl@407b920e failed; length 24576 at 3219456", noSpace));
        var wrapped = new DataAccessException("insert failed", write);
        assertEquals("IOException: No space left on device", DatabaseUnavailable.reason(wrapped).orElseThrow());
        assertTrue(DatabaseUnavailable.storageRefusesWrites(wrapped));
        var closed = new SQLException("The database has been closed [90098-232]", "90098", 90098);
        assertTrue(DatabaseUnavailable.reason(new DataAccessException("read failed", closed)).isPresent());
        assertFalse(DatabaseUnavailable.storageRefusesWrites(closed), "closed alone does not say why");
        assertTrue(DatabaseUnavailable.storageRefusesWrites(new SQLException("could not extend file: No space left on device", "53100")));

        var eviction = new H2ClosedEviction();
        assertEquals(SQLExceptionOverride.Override.MUST_EVICT, eviction.adjudicate(closed));
        assertEquals(SQLExceptionOverride.Override.MUST_EVICT, eviction.adjudicate(write));
        assertEquals(SQLExceptionOverride.Override.CONTINUE_EVICT, eviction.adjudicate(new SQLException("unique", "23505")));
    }

    @Test
    void faultsOfTheRequestOrTheCodeAreNot() {
        assertTrue(DatabaseUnavailable.reason(new DataAccessException("duplicate",
                new SQLIntegrityConstraintViolationException("unique", "23505"))).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new SQLException("syntax error", "42601")).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new SQLException("no state")).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new IllegalStateException("boom")).isEmpty());
        assertTrue(DatabaseUnavailable.reason(new IllegalStateException("bad file", new java.io.IOException("Is a directory"))).isEmpty());
    }
}
