package org.i4tracker.common;

import java.time.LocalDate;

/**
 * Evidence that a firm uses a catalogue technology from a given day, published by the feature
 * that observed it (a validated assessment answer, the first telemetry of a machine, a manual
 * entry) and recorded by the diffusion feature as an adoption event. Features publish it through
 * Micronaut's {@code ApplicationEventPublisher<AdoptionObserved>} so they need not know each other.
 *
 * @param firmId         the adopting firm
 * @param technologyCode catalogue code, e.g. {@code CONNECTED_MACHINES}
 * @param date           the day the technology was observed in use
 * @param source         where the evidence comes from
 * @param programmeId    the programme in whose context it was observed, or null
 * @param reference      free text locating the evidence (e.g. "assessment 42 item DR3"), or null
 */
public record AdoptionObserved(long firmId, String technologyCode, LocalDate date, Source source,
                               Long programmeId, String reference) {

    public enum Source { ASSESSMENT, TELEMETRY, MANUAL }

    public AdoptionObserved {
        Check.notBlank(technologyCode, "technologyCode", 64);
        Check.date(date, "date");
        Check.notNull(source, "source");
    }
}
