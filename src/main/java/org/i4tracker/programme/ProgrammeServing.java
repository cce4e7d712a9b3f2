package org.i4tracker.programme;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmServingSource;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * An RTI serves the firms enrolled in the programmes it delivers (DESIGN.md §1) while the enrolment
 * lasts: a withdrawn enrolment ends the access it gave.
 */
@Singleton
class ProgrammeServing implements FirmServingSource {

    private final ProgrammeRtiRepository rtis;
    private final EnrolmentRepository enrolments;

    ProgrammeServing(ProgrammeRtiRepository rtis, EnrolmentRepository enrolments) {
        this.rtis = rtis;
        this.enrolments = enrolments;
    }

    @Override
    public Set<Long> firmsServedBy(long institutionId) {
        Set<Long> firms = new HashSet<>();
        for (ProgrammeRti rti : rtis.findByInstitutionId(institutionId)) {
            LocalDate today = LocalDate.now();
            enrolments.findByProgrammeIdOrderByEnrolledOn(rti.programmeId()).stream()
                    .filter(e -> e.grantsServiceOn(today))
                    .forEach(e -> firms.add(e.firmId()));
        }
        return firms;
    }
}
