package org.i4tracker.storage;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells the connection pool to drop a connection whose H2 database has closed itself. After a write
 * fails (a full disk, see {@link DatabaseUnavailable}) H2 closes the database, yet its connections still
 * pass {@code isValid()} and answer every statement with {@code 90098}; HikariCP would hand them out for
 * ever. The connection whose write failed is dropped at once too. Evicted, they are replaced by new connections, which open the file again: reads work at once,
 * writes again as soon as the disk has room. Every other failure keeps HikariCP's own rule (SQLSTATE
 * class 08 and its list of fatal codes). Configured by class name in {@code datasources.*.exception-override-class-name}.
 */
public final class H2ClosedEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        boolean closed = DatabaseUnavailable.H2_DATABASE_CLOSED.equals(e.getSQLState());
        return closed || DatabaseUnavailable.storageRefusesWrites(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
