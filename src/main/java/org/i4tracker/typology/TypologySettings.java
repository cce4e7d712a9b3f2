package org.i4tracker.typology;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Default typology thresholds from configuration ({@code i4.typology.*}); the defaults here are
 * those of DESIGN.md §7 so nothing breaks without the yml entries.
 */
@Singleton
class TypologySettings {

    private final TypologyThresholds defaults;

    TypologySettings(@Value("${i4.typology.min-lq:1.0}") double minLq,
                     @Value("${i4.typology.min-share:0.01}") double minShare,
                     @Value("${i4.typology.min-establishments:5}") int minEstablishments,
                     @Value("${i4.typology.high-lq:5.0}") double highLq,
                     @Value("${i4.typology.high-share:0.20}") double highShare) {
        this.defaults = new TypologyThresholds(minLq, minShare, minEstablishments, highLq, highShare);
    }

    TypologyThresholds defaults() {
        return defaults;
    }
}
