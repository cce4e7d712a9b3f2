package org.i4tracker.storage;

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
 */
public final class DatabaseUnavailable {

    private static final String HIKARI_CLOSED = "Connection is closed";

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

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
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
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
