package org.i4tracker.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface JobRepository extends PageableRepository<Job, Long> {

    Page<Job> findByKind(String kind, Pageable pageable);

    void updateDone(@Id Long id, long done);

    void updateTotal(@Id Long id, long total);

    void updateStatusAndStartedAt(@Id Long id, Job.Status status, Instant startedAt);

    void updateStatusAndFinishedAtAndMessageAndResultJson(@Id Long id, Job.Status status, Instant finishedAt,
                                                          @Nullable String message, @Nullable String resultJson);

    @Query("UPDATE job SET cancel_requested = TRUE WHERE id = :id AND status IN ('QUEUED', 'RUNNING')")
    long requestCancel(Long id);

    @Query("SELECT cancel_requested FROM job WHERE id = :id")
    boolean isCancelRequested(Long id);

    @Query("UPDATE job SET status = 'FAILED', finished_at = :now, message = 'interrupted: the service stopped while the job ran' "
            + "WHERE status IN ('QUEUED', 'RUNNING')")
    long failUnfinished(Instant now);
}
