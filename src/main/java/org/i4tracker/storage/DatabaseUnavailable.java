package org.i4tracker.storage;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Tells, from an exception's cause chain, that the database could not be reached or refused
 * work for the moment, rather than that the request or the code was at fault: the pool timed out
 * waiting for a connection ({@link SQLTransientConnectionException}, Hikari's "Connection is not
 * available"), a connection failed (SQLSTATE class {@code 08}), PostgreSQL is shutting down or not
 * yet accepting connections ({@code 57P01}, {@code 57P02}, {@code 57P03}), or the socket was
 * refused, or the pool hands back a connection it has already found broken. Micronaut wraps these in its own exceptions (data access, transaction, connection) and
 * our raw-SQL code in {@link IllegalStateException}, so the whole chain is searched.
 * <p>
 * The storage refusing writes counts too ({@link #storageRefusesWrites}): a full disk under the H2 file
 * (H2 answers {@code HY000}/50000 "General error" with the {@link IOException} "No space left on device"
 * under its {@code MVStoreException}, then closes the database, after which every statement on the
 * connections opened before answers {@code 90098} "The database has been closed") and PostgreSQL's
 * {@code 53100} disk_full. {@link H2ClosedEviction} makes the pool drop such connections, so that the
 * next request opens the file again and succeeds once space has been freed.
 */
public final class DatabaseUnavailable {

    private static final String HIKARI_CLOSED = "Connection is closed";
    /** H2's {@code ErrorCode.DATABASE_IS_CLOSED}; H2 uses its error codes as SQLSTATE. */
    static final String H2_DATABASE_CLOSED = "90098";
    /** PostgreSQL's disk_full. */
    private static final String POSTGRES_DISK_FULL = "53100";

    private DatabaseUnavailable() {
    }

    /**
     * Why the database is unavailable, or empty when the failure is something else: the outermost
     * matching exception (e.g. the pool's timeout) and the innermost one (e.g. "Connection refused").
     */
    public static Optional<String> reason(Throwable failure) {
        Throwable outer = null;
        Throwable inner = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (isUnavailable(t)) {
                outer = outer == null ? t : outer;
                inner = t;
            }
        }
        if (outer == null) {
            return Optional.empty();
        }
        return Optional.of(outer == inner ? describe(outer) : describe(outer) + "; cause: " + describe(inner));
    }

    /**
     * True when the chain says the database's storage refused a write for lack of space (the disk under
     * H2's file is full, or PostgreSQL's {@code 53100}): the operator must free space, retrying alone
     * does not help. Implies {@link #reason} is present.
     */
    public static boolean storageRefusesWrites(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && POSTGRES_DISK_FULL.equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof IOException && isNoSpace(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's message for ENOSPC on Linux and macOS, and Windows' ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL. */
    private static boolean isNoSpace(String message) {
        return message != null && (message.contains("No space left on device") || message.contains("not enough space on the disk")
                || message.contains("disk is full"));
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
            return true;
        }
        if (t instanceof IOException && isNoSpace(t.getMessage())) {
            return true;
        }
        if (!(t instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        if (state == null) {
            // HikariCP 5 answers so, without a SQLSTATE, for a connection it has already evicted as broken.
            return HIKARI_CLOSED.equals(sql.getMessage());
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals(POSTGRES_DISK_FULL) || state.equals(H2_DATABASE_CLOSED);
    }
}
