package org.i4tracker.storage;

import java.sql.SQLException;
import java.util.Optional;

/** The database's own word on a failure that Micronaut or our code wrapped: the first {@link SQLException} in the cause chain. */
public final class SqlFailure {

    /** SQLSTATE class of integrity constraint violations (unique, foreign key, not null, check) on H2 and PostgreSQL. */
    public static final String INTEGRITY_CLASS = "23";
    /** SQLSTATE of a unique violation on H2 and PostgreSQL. */
    public static final String UNIQUE_VIOLATION = "23505";

    private SqlFailure() {
    }

    /** The first {@link SQLException} in {@code failure}'s cause chain. */
    public static Optional<SQLException> of(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** The SQLSTATE of that first {@link SQLException}, if there is one and it has a state. */
    public static Optional<String> state(Throwable failure) {
        return of(failure).map(SQLException::getSQLState);
    }
}
