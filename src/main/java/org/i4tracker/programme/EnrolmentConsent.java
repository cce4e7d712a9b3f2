package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

/**
 * An enrolled firm's consent that the programme's agency may see its firm-level data. Without it
 * the agency sees the firm only inside aggregates; the firm (or an admin) grants and withdraws it, and it ends
 * when the enrolment is withdrawn.
 */
@MappedEntity("enrolment_consent")
record EnrolmentConsent(@Id Long enrolmentId, Long firmId, Instant grantedAt, @Nullable String grantedBy) {

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends CrudRepository<EnrolmentConsent, Long> {
        @Query("SELECT c.firm_id FROM enrolment_consent c JOIN enrolment e ON e.id = c.enrolment_id "
                + "JOIN programme p ON p.id = e.programme_id WHERE p.region_id = :regionId "
                + "AND (e.withdrawn_on IS NULL OR e.withdrawn_on > CURRENT_DATE)")
        List<Long> consentedFirmsInRegion(Long regionId);

        List<EnrolmentConsent> findByEnrolmentIdIn(java.util.Collection<Long> enrolmentIds);
    }
}
