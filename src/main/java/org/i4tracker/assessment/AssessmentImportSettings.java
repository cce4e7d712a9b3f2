package org.i4tracker.assessment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * Settings of the CSV import of assessments ({@code i4.assessments.import.*}; defaults and meaning in
 * application.yml and docs/configuration.md). Read at start ({@link Context}), so that a bad value stops the
 * start with a message naming the key.
 *
 * @param batchSize assessments per write transaction, at least 1
 * @param writers   writer threads of a non-atomic import, 0 to 16; 0 means 1 on H2 and 2 on other databases
 */
@Context
@ConfigurationProperties("i4.assessments.import")
record AssessmentImportSettings(int batchSize, int writers) {

    AssessmentImportSettings {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("i4.assessments.import.batch-size must be between 1 and 100000, is " + batchSize);
        }
        if (writers < 0 || writers > 16) {
            throw new IllegalArgumentException("i4.assessments.import.writers must be between 0 and 16, is " + writers);
        }
    }
}
