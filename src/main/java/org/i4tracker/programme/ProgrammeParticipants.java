package org.i4tracker.programme;

import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Set;

/** Every firm ever enrolled in any programme (withdrawn firms included: they were treated). */
@Singleton
public class ProgrammeParticipants {

    private final EnrolmentRepository enrolments;

    ProgrammeParticipants(EnrolmentRepository enrolments) {
        this.enrolments = enrolments;
    }

    public Set<Long> all() {
        Set<Long> firms = new HashSet<>();
        enrolments.findAll().forEach(e -> firms.add(e.firmId()));
        return firms;
    }
}
