package org.i4tracker.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing without letting a stranger lock a user out. Failed logins are counted
 * twice: for the (username, source address) pair and for the username across all addresses. From a
 * threshold of failures on, each count asks for a wait that doubles with every further failure, up to a
 * cap; the pair starts early and may wait long (it slows only the guesser's own address), the username
 * as a whole starts much later and waits briefly (a guesser spread over many addresses). A login during
 * a wait is refused like a wrong password and not counted; a success clears both counts, and a count
 * is forgotten after {@code forget-after} without failures. The counts live in the database, so every
 * instance applies the same waits. A wrong current password given to change one's own password counts
 * as a failed login of that user from that address, so a stolen session cannot guess the password
 * faster than the login form can. Settings under {@code i4.security.login}, see {@link Settings}.
 */
@Singleton
class LoginThrottle {

    /** Defaults as documented in application.yml. */
    @ConfigurationProperties("i4.security.login")
    static class Settings {
        int pairFailuresBeforeDelay = 3;
        Duration pairBaseDelay = Duration.ofSeconds(1);
        Duration pairMaxDelay = Duration.ofMinutes(15);
        int userFailuresBeforeDelay = 20;
        Duration userBaseDelay = Duration.ofSeconds(1);
        Duration userMaxDelay = Duration.ofMinutes(1);
        Duration forgetAfter = Duration.ofHours(24);
        @Nullable String addressHeader;

        public void setPairFailuresBeforeDelay(int v) { pairFailuresBeforeDelay = v; }
        public void setPairBaseDelay(Duration v) { pairBaseDelay = v; }
        public void setPairMaxDelay(Duration v) { pairMaxDelay = v; }
        public void setUserFailuresBeforeDelay(int v) { userFailuresBeforeDelay = v; }
        public void setUserBaseDelay(Duration v) { userBaseDelay = v; }
        public void setUserMaxDelay(Duration v) { userMaxDelay = v; }
        public void setForgetAfter(Duration v) { forgetAfter = v; }
        public void setAddressHeader(@Nullable String v) { addressHeader = v; }
    }

    @MappedEntity("login_failure")
    record Failures(@Id String subject, int failures, Instant lastFailureAt, @Nullable Instant blockedUntil) {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface FailureRepository extends CrudRepository<Failures, String> {
    }

    private final FailureRepository failures;
    private final Settings settings;

    LoginThrottle(FailureRepository failures, Settings settings) {
        this.failures = failures;
        this.settings = settings;
    }

    /** The connection's address, or the last entry of the trusted proxy's header when one is configured. */
    String addressOf(@Nullable HttpRequest<?> request) {
        if (request == null) {
            return "unknown";
        }
        String header = settings.addressHeader == null || settings.addressHeader.isBlank() ? null : settings.addressHeader;
        if (header != null) {
            String value = request.getHeaders().get(header);
            if (value != null && !value.isBlank()) {
                String[] hops = value.split(",");
                return hops[hops.length - 1].strip();
            }
        }
        var remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** True while the pair or the username as a whole is asked to wait. */
    boolean isBlocked(String username, String address) {
        Instant now = Instant.now();
        return blocked(pairKey(username, address), now) || blocked(userKey(username), now);
    }

    void failed(String username, String address) {
        Instant now = Instant.now();
        count(pairKey(username, address), now, settings.pairFailuresBeforeDelay, settings.pairBaseDelay, settings.pairMaxDelay);
        count(userKey(username), now, settings.userFailuresBeforeDelay, settings.userBaseDelay, settings.userMaxDelay);
    }

    void succeeded(String username, String address) {
        failures.deleteById(pairKey(username, address));
        failures.deleteById(userKey(username));
    }

    private boolean blocked(String subject, Instant now) {
        return failures.findById(subject).map(f -> f.blockedUntil() != null && f.blockedUntil().isAfter(now)).orElse(false);
    }

    private void count(String subject, Instant now, int threshold, Duration base, Duration max) {
        Optional<Failures> current = failures.findById(subject)
                .filter(f -> f.lastFailureAt().plus(settings.forgetAfter).isAfter(now));
        int n = current.map(Failures::failures).orElse(0) + 1;
        Instant blockedUntil = n < threshold ? null : now.plus(delay(n - threshold, base, max));
        Failures next = new Failures(subject, n, now, blockedUntil);
        if (failures.existsById(subject)) {
            failures.update(next);
        } else {
            try {
                failures.save(next);
            } catch (DataAccessException concurrentInsert) {
                // Another instance counted the first failure at the same moment; count on top of it.
                failures.update(next);
            }
        }
    }

    /** base × 2^excess, capped; excess 0 is the failure that reached the threshold. */
    static Duration delay(int excess, Duration base, Duration max) {
        if (excess >= 40) {
            return max;
        }
        Duration d = base.multipliedBy(1L << excess);
        return d.compareTo(max) > 0 ? max : d;
    }

    private static String userKey(String username) {
        return "user:" + normalise(username);
    }

    private static String pairKey(String username, String address) {
        String a = address == null ? "" : address.strip();
        return "pair:" + normalise(username) + "@" + (a.length() > 64 ? a.substring(0, 64) : a);
    }

    private static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
