package org.i4tracker.typology;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import org.i4tracker.common.DomainException;

import java.util.Locale;

/**
 * The default typology thresholds ({@code i4.typology.*}; defaults, those of DESIGN.md §7, in application.yml
 * and docs/configuration.md). Read at start ({@link Context}): values that {@link TypologyThresholds} refuses
 * stop the start with a message naming the key.
 */
@Context
@ConfigurationProperties("i4.typology")
record TypologySettings(double minLq, double minShare, int minEstablishments, double highLq, double highShare) {

    TypologySettings {
        try {
            new TypologyThresholds(minLq, minShare, minEstablishments, highLq, highShare);
        } catch (DomainException e) {
            DomainException.FieldError error = e.errors().get(0);
            throw new IllegalArgumentException("i4.typology." + error.field().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT)
                    + " " + error.message(), e);
        }
    }

    TypologyThresholds defaults() {
        return new TypologyThresholds(minLq, minShare, minEstablishments, highLq, highShare);
    }
}
