package org.i4tracker.actor;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ActorLinkRepository extends PageableRepository<ActorLink, Long> {

    // The alias actor_link_ is the one Micronaut Data uses when it appends the Pageable's ORDER BY.
    @Query(value = "SELECT actor_link_.* FROM actor_link actor_link_ WHERE from_firm_id = :firmId OR to_firm_id = :firmId",
            countQuery = "SELECT COUNT(*) FROM actor_link WHERE from_firm_id = :firmId OR to_firm_id = :firmId")
    Page<ActorLink> findByFirm(Long firmId, Pageable pageable);

    @Query(value = "SELECT actor_link_.* FROM actor_link actor_link_ WHERE from_institution_id = :institutionId OR to_institution_id = :institutionId",
            countQuery = "SELECT COUNT(*) FROM actor_link WHERE from_institution_id = :institutionId OR to_institution_id = :institutionId")
    Page<ActorLink> findByInstitution(Long institutionId, Pageable pageable);

    /** Links whose every firm end is one of the given firms (links between institutions included). */
    @Query("SELECT l.* FROM actor_link l WHERE (l.from_firm_id IS NULL OR l.from_firm_id IN (:firmIds)) "
            + "AND (l.to_firm_id IS NULL OR l.to_firm_id IN (:firmIds))")
    List<ActorLink> findWithinFirms(java.util.Collection<Long> firmIds);

    @Query("SELECT l.* FROM actor_link l WHERE EXISTS (SELECT 1 FROM firm f WHERE f.district_id = :districtId "
            + "AND (f.id = l.from_firm_id OR f.id = l.to_firm_id))")
    List<ActorLink> findTouchingDistrict(Long districtId);
}
