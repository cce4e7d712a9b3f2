package org.i4tracker.benchmark;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * Settings of benchmark reports and their peer statistics ({@code i4.benchmark.*}; defaults and meaning in
 * application.yml and docs/configuration.md). Read at start ({@link Context}), so that a bad or missing value
 * stops the start with a message naming the key.
 *
 * @param kFloor              privacy floor k: peers besides the reader a group needs to be shown, at least 1
 * @param fullFiguresFrom     peers from which mean, P25, P75 and P90 are published too, at least k
 * @param resolutionPercent   width of the classes published figures are rounded to, in percent of the scale; divides 100
 * @param refreshInterval     how often each instance checks the database for changes, at least 1 ms
 * @param validationSlack     how far before the last seen validation time an incremental update reads, not negative
 * @param fullRebuildInterval a change after this long since the last full rebuild rebuilds from everything, at least 1 ms
 */
@Context
@ConfigurationProperties("i4.benchmark")
public record BenchmarkSettings(int kFloor, int fullFiguresFrom, int resolutionPercent, Duration refreshInterval,
                                Duration validationSlack, Duration fullRebuildInterval) {

    public BenchmarkSettings {
        if (kFloor < 1) {
            throw new IllegalArgumentException("i4.benchmark.k-floor must be at least 1, is " + kFloor);
        }
        if (fullFiguresFrom < kFloor) {
            throw new IllegalArgumentException("i4.benchmark.full-figures-from must be at least i4.benchmark.k-floor = " + kFloor
                    + ", is " + fullFiguresFrom);
        }
        if (resolutionPercent < 1 || resolutionPercent > 100 || 100 % resolutionPercent != 0) {
            throw new IllegalArgumentException("i4.benchmark.resolution-percent must divide 100, is " + resolutionPercent);
        }
        positive("i4.benchmark.refresh-interval", refreshInterval);
        if (validationSlack == null || validationSlack.isNegative()) {
            throw new IllegalArgumentException("i4.benchmark.validation-slack must be set and not negative, is " + validationSlack);
        }
        positive("i4.benchmark.full-rebuild-interval", fullRebuildInterval);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(key + " must be set and at least 1ms, is " + value);
        }
    }
}
