package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import org.i4tracker.common.Check;

import java.util.List;

/** An RTI explicitly assigned to serve a firm. */
@MappedEntity("rti_assignment")
record RtiAssignment(@Id @GeneratedValue @Nullable Long id, Long institutionId, Long firmId) {

    RtiAssignment {
        Check.notNull(institutionId, "institutionId");
        Check.notNull(firmId, "firmId");
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Repository extends PageableRepository<RtiAssignment, Long> {
        @Query("SELECT firm_id FROM rti_assignment WHERE institution_id = :institutionId")
        List<Long> findFirmIds(Long institutionId);

        boolean existsByInstitutionIdAndFirmId(Long institutionId, Long firmId);
    }
}
