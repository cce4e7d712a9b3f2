package org.i4tracker.programme;

import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Set;

/** Who took part in programmes, for other features' analyses. */
@Singleton
public class ProgrammeParticipants {

    private final EnrolmentRepository enrolments;
    private final EnrolmentRegistry registry;
    private final ProgrammeRegistry programmes;
    private final ProgrammeScope scope;

    ProgrammeParticipants(EnrolmentRepository enrolments, EnrolmentRegistry registry, ProgrammeRegistry programmes,
                          ProgrammeScope scope) {
        this.enrolments = enrolments;
        this.registry = registry;
        this.programmes = programmes;
        this.scope = scope;
    }

    /** Every firm ever enrolled in any programme (withdrawn firms included: they were treated). */
    public Set<Long> all() {
        Set<Long> firms = new HashSet<>();
        enrolments.findAll().forEach(e -> firms.add(e.firmId()));
        return firms;
    }

    /** Whether the firm was ever enrolled in the programme (a withdrawal included). */
    public boolean isEnrolled(long programmeId, long firmId) {
        return enrolments.existsByProgrammeIdAndFirmId(programmeId, firmId);
    }

    /**
     * Firms ever enrolled in the programme or one of its district adaptations (withdrawn firms included), for an
     * analysis by the current user: 404 when the programme does not exist, 403 to an agency analyst for a programme
     * of another region (as the programme's own evaluation). The set is firm-level data: callers publish only
     * aggregates of it.
     */
    public Set<Long> analysedProgramme(long programmeId) {
        scope.requireAnalyse(programmes.require(programmeId));
        Set<Long> firms = new HashSet<>();
        registry.of(programmeId).forEach(e -> firms.add(e.firmId()));
        return firms;
    }
}
