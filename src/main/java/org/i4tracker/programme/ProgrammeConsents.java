package org.i4tracker.programme;

import jakarta.inject.Singleton;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.Role;
import org.i4tracker.common.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Grants and withdraws enrolled firms' consent ({@link ConsentedFirms} tells access control what it opens). */
@Singleton
class ProgrammeConsents {

    private static final Logger LOG = LoggerFactory.getLogger(ProgrammeConsents.class);

    record ConsentView(long enrolmentId, long firmId, boolean granted, Instant grantedAt, String grantedBy) {
    }

    private final EnrolmentConsent.Repository consents;
    private final EnrolmentRepository enrolments;
    private final CurrentUser user;
    private final ProgrammeScope scope;

    ProgrammeConsents(EnrolmentConsent.Repository consents, EnrolmentRepository enrolments, CurrentUser user,
                      ProgrammeScope scope) {
        this.consents = consents;
        this.scope = scope;
        this.enrolments = enrolments;
        this.user = user;
    }

    ConsentView get(long programmeId, long enrolmentId) {
        Enrolment enrolment = require(programmeId, enrolmentId);
        scope.requireRead(enrolment);
        return consents.findById(enrolmentId)
                .map(c -> new ConsentView(enrolmentId, enrolment.firmId(), true, c.grantedAt(), c.grantedBy()))
                .orElse(new ConsentView(enrolmentId, enrolment.firmId(), false, null, null));
    }

    /** Only the firm itself (or an admin) decides about its consent. */
    ConsentView set(long programmeId, long enrolmentId, boolean granted) {
        Enrolment enrolment = require(programmeId, enrolmentId);
        scope.requireRead(enrolment);
        if (!user.is(Role.ADMIN) && !user.firmId().map(f -> f.equals(enrolment.firmId())).orElse(false)) {
            throw DomainException.forbidden("only firm " + enrolment.firmId() + " itself can grant or withdraw its consent");
        }
        boolean present = consents.existsById(enrolmentId);
        if (granted && !present) {
            consents.save(new EnrolmentConsent(enrolmentId, enrolment.firmId(), Instant.now(), user.username().orElse(null)));
        } else if (!granted && present) {
            consents.deleteById(enrolmentId);
        }
        LOG.info("enrolment consent set enrolment={} firm={} granted={}", enrolmentId, enrolment.firmId(), granted);
        return get(programmeId, enrolmentId);
    }

    /** The enrolment, or 404 worded as {@link ProgrammeScope#requireRead} words a hidden one, so the two cannot be told apart. */
    private Enrolment require(long programmeId, long enrolmentId) {
        return enrolments.findByIdAndProgrammeId(enrolmentId, programmeId)
                .orElseThrow(() -> DomainException.notFound("enrolment", enrolmentId + " of programme " + programmeId));
    }
}
