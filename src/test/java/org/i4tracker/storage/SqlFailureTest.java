package org.i4tracker.storage;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The first SQLException of a wrapped failure, and its SQLSTATE. */
class SqlFailureTest {

    @Test
    void findsTheFirstSqlExceptionUnderTheWrappers() {
        SQLException unique = new SQLException("duplicate key", "23505");
        RuntimeException wrapped = new IllegalStateException("insert failed", new RuntimeException("data access", unique));
        assertEquals(Optional.of(unique), SqlFailure.of(wrapped));
        assertEquals(Optional.of(SqlFailure.UNIQUE_VIOLATION), SqlFailure.state(wrapped));
    }

    @Test
    void noSqlExceptionOrNoStateIsEmpty() {
        assertEquals(Optional.empty(), SqlFailure.state(new IllegalStateException("no database involved")));
        assertEquals(Optional.empty(), SqlFailure.state(new RuntimeException(new SQLException("no state"))));
        assertEquals(Optional.empty(), SqlFailure.of(null));
    }
}
