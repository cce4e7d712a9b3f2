package org.i4tracker.evaluation;

import org.i4tracker.common.Check;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Where programme evaluation reads technology adoptions from when the outcome is adoption itself
 * (issue 20 §3). The diffusion feature implements it from its adoption events — the earliest of a
 * firm's assessment answers, telemetry and declarations that show a technology in use — so that
 * evaluation and diffusion stay independent.
 */
public interface AdoptionHistory {

    /**
     * Adoption events of the given firms: of one technology, or of every technology when
     * {@code technologyCode} is null. At most one event per firm and technology; firms that have not
     * adopted are absent.
     */
    List<AdoptionDate> adoptions(Collection<Long> firmIds, String technologyCode);

    /** The day a firm adopted a technology. */
    record AdoptionDate(long firmId, String technologyCode, LocalDate adoptedOn) {

        public AdoptionDate {
            Check.notBlank(technologyCode, "technologyCode", 64);
            Check.notNull(adoptedOn, "adoptedOn");
        }
    }
}
