package org.i4tracker.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * Locks a username for {@code i4.security.lockout} (default 15 minutes) after
 * {@code i4.security.max-failures} (default 5) failed logins in a row. The counter lives in the
 * database, so every instance behind a load balancer applies the same lock.
 */
@Singleton
class LoginThrottle {

    @MappedEntity("login_throttle")
    record Entry(@Id String username, int failures, @Nullable Instant lockedUntil) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface EntryRepository extends CrudRepository<Entry, String> {
    }

    private final EntryRepository entries;
    private final int maxFailures;
    private final Duration lockout;

    LoginThrottle(EntryRepository entries, @Value("${i4.security.max-failures:5}") int maxFailures,
                  @Value("${i4.security.lockout:15m}") Duration lockout) {
        this.entries = entries;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    boolean isLocked(String username) {
        return entries.findById(key(username)).map(e -> e.lockedUntil() != null && e.lockedUntil().isAfter(Instant.now())).orElse(false);
    }

    void failed(String username) {
        String key = key(username);
        var current = entries.findById(key);
        int failures = current.map(Entry::failures).orElse(0) + 1;
        Instant lockedUntil = failures >= maxFailures ? Instant.now().plus(lockout) : null;
        Entry entry = new Entry(key, failures >= maxFailures ? 0 : failures, lockedUntil);
        if (current.isPresent()) {
            entries.update(entry);
        } else {
            entries.save(entry);
        }
    }

    void succeeded(String username) {
        entries.deleteById(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase();
    }
}
