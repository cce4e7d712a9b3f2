package org.i4tracker.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * Settings of background jobs ({@code i4.jobs.*}; defaults and meaning in application.yml and
 * docs/configuration.md). Read at start ({@link Context}), so that a bad or missing value stops the start with a
 * message naming the key.
 *
 * @param threads        background threads running jobs, 1 to 64
 * @param progressPeriod at most one stored progress update per job and period, at least 1 ms
 */
@Context
@ConfigurationProperties("i4.jobs")
record JobSettings(int threads, Duration progressPeriod) {

    JobSettings {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("i4.jobs.threads must be between 1 and 64, is " + threads);
        }
        if (progressPeriod == null || progressPeriod.toMillis() < 1) {
            throw new IllegalArgumentException("i4.jobs.progress-period must be set and at least 1ms, is " + progressPeriod);
        }
    }
}
