package org.i4tracker.model;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PublishedModelRepository extends PageableRepository<PublishedModel, Long> {

    Optional<PublishedModel> findByModelIdAndModelVersion(String modelId, String modelVersion);

    List<PublishedModel> findByModelIdOrderByPublishedAt(String modelId);

    @Query("UPDATE assessment_model SET in_use = TRUE WHERE model_id = :modelId AND model_version = :modelVersion")
    long markInUse(String modelId, String modelVersion);

    /** Replaces the document of a version nobody uses yet; 0 rows when it is in use (or changed meanwhile). */
    @Query("UPDATE assessment_model SET content = :content, name = :name, origin = :origin, published_by = :publishedBy, "
            + "published_at = :publishedAt, version = version + 1 WHERE id = :id AND in_use = FALSE AND version = :version")
    long replaceUnused(Long id, String content, String name, String origin, String publishedBy, Instant publishedAt, Long version);

    /**
     * Replaces the document of a version, used or not, by one that differs only in guidance texts (the caller checks
     * that); 0 rows when it changed meanwhile. Who published and when stay those of the version.
     */
    @Query("UPDATE assessment_model SET content = :content, version = version + 1 WHERE id = :id AND version = :version")
    long replaceGuidance(Long id, String content, Long version);
}
