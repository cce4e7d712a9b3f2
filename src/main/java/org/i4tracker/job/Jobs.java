package org.i4tracker.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;
import org.i4tracker.storage.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs long work in the background and keeps its state in the {@code job} table: status,
 * progress (written at most once per {@code i4.jobs.progress-period}, and when the job ends), cancellation flag and
 * result. Any instance can read or cancel a job. Jobs left unfinished by a stopped instance are
 * marked FAILED at start-up so that nobody waits for them forever.
 */
@Singleton
public class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final JobRepository repository;
    private final ObjectMapper json;
    private final ExecutorService executor;
    private final long progressPeriodNanos;
    private volatile boolean stopping;

    Jobs(JobRepository repository, ObjectMapper json, JobSettings settings) {
        this.repository = repository;
        this.json = json;
        this.executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "i4-job");
            t.setDaemon(true);
            return t;
        });
        this.progressPeriodNanos = settings.progressPeriod().toNanos();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        long failed = repository.failUnfinished(Instant.now());
        if (failed > 0) {
            LOG.warn("jobs interrupted by the last shutdown marked failed count={}", failed);
        }
    }

    /**
     * Queues {@code work} and returns its job at once. The work's return value is stored as the
     * job's JSON result; a {@link DomainException} fails the job with its message.
     */
    public JobView submit(String kind, String createdBy, Function<JobProgress, Object> work) {
        Job job = repository.save(new Job(null, kind, Job.Status.QUEUED, 0, 0, false, createdBy, Instant.now(),
                null, null, null, null));
        long id = job.id();
        LOG.info("job queued id={} kind={}", id, kind);
        executor.execute(() -> {
            try {
                run(id, kind, work);
            } catch (Throwable t) {
                LOG.error("job runner failed id={} kind={}", id, kind, t);
            }
        });
        return view(job);
    }

    public JobView get(long id) {
        return view(repository.findById(id).orElseThrow(() -> DomainException.notFound("job", id)));
    }

    JobView cancel(long id) {
        Job job = repository.findById(id).orElseThrow(() -> DomainException.notFound("job", id));
        if (repository.requestCancel(id) == 0) {
            throw DomainException.conflict("status", "job " + id + " has already finished with status " + job.status());
        }
        LOG.info("job cancel requested id={}", id);
        return get(id);
    }

    /**
     * Work that fails because the database went away ends FAILED with that reason. The final status
     * is written once the database answers again ({@link #finishWhenPossible}), so that the job is
     * not left RUNNING for ever while the service runs on.
     */
    private void run(long id, String kind, Function<JobProgress, Object> work) {
        Progress progress = new Progress(id);
        Job.Status status;
        String message = null;
        Object result = null;
        try {
            repository.updateStatusAndStartedAt(id, Job.Status.RUNNING, Instant.now());
            result = work.apply(progress);
            status = progress.cancelledAtEnd() ? Job.Status.CANCELLED : Job.Status.SUCCEEDED;
            if (status == Job.Status.SUCCEEDED) {
                progress.complete();
            }
            LOG.info("job finished id={} kind={} status={} done={}", id, kind, status, progress.done);
        } catch (DomainException e) {
            status = Job.Status.FAILED;
            message = e.getMessage();
            LOG.info("job failed id={} kind={} reason={}", id, kind, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            status = Job.Status.FAILED;
            Optional<String> outage = DatabaseUnavailable.reason(e);
            if (outage.isPresent()) {
                message = DATABASE_UNAVAILABLE;
                LOG.warn("job failed id={} kind={}: database unavailable: {}", id, kind, outage.get());
            } else {
                message = "internal error; see the service log";
                LOG.error("job crashed id={} kind={}", id, kind, e);
            }
        }
        progress.flushQuietly();
        finishWhenPossible(id, status, message, result);
    }

    static final String DATABASE_UNAVAILABLE = "the database became unavailable while the job ran; what it wrote before"
            + " stays written (an atomic import wrote nothing); run it again";

    /**
     * Writes the final status, retrying while the database is unavailable (1 s doubling to 10 s,
     * like the telemetry writer: it is written at most about 10 s after the database is back).
     * Gives up when the service stops: the next start marks the job FAILED ({@link #onStartup}).
     */
    private void finishWhenPossible(long id, Job.Status status, String message, Object result) {
        long backoffMs = 1000;
        while (true) {
            try {
                finish(id, status, message, result);
                return;
            } catch (RuntimeException e) {
                Optional<String> outage = DatabaseUnavailable.reason(e);
                if (outage.isEmpty() || stopping) {
                    LOG.error("job status not written id={} status={}; the next start marks it failed", id, status, e);
                    return;
                }
                LOG.warn("job status not written id={} status={}, retrying in {} ms: {}", id, status, backoffMs, outage.get());
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMs = Math.min(backoffMs * 2, 10_000);
        }
    }

    private void finish(long id, Job.Status status, String message, Object result) {
        String resultJson = null;
        try {
            resultJson = result == null ? null : json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            LOG.error("job result of id={} could not be written as JSON", id, e);
        }
        if (resultJson != null && resultJson.length() > MAX_RESULT_CHARS) {
            // the column holds 1 000 000 characters: a job must end whatever its result, so an oversized one is summarised
            LOG.error("job result of id={} has {} characters, more than the {} stored; stored as a note", id, resultJson.length(), MAX_RESULT_CHARS);
            resultJson = "{\"resultNotStored\":\"the result had " + resultJson.length() + " characters, more than can be stored\"}";
        }
        repository.updateStatusAndFinishedAtAndMessageAndResultJson(id, status, Instant.now(), message, resultJson);
    }

    /** The longest result stored ({@code job.result_json}). */
    static final int MAX_RESULT_CHARS = 1_000_000;

    JobView view(Job job) {
        Object result = null;
        if (job.resultJson() != null) {
            try {
                result = json.readValue(job.resultJson(), Object.class);
            } catch (JsonProcessingException e) {
                result = job.resultJson();
            }
        }
        Double percent = job.total() > 0 ? Math.min(100.0, 100.0 * job.done() / job.total()) : null;
        return new JobView(job.id(), job.kind(), job.status().name(), job.total(), job.done(), percent,
                job.cancelRequested(), job.createdBy(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.message(), result, "/api/v1/jobs/" + job.id());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Thread-safe: work may report from several threads (the checking and writing threads of an assessment
     * import). Progress is written by period, not by count: each write is a commit, which on H2 writes every
     * dirty page of the database, the pages of the import's open transaction included; writing every 100
     * rows cost an assessment import a quarter of its checking thread.
     */
    private final class Progress implements JobProgress {
        private final long id;
        private long done;
        private long total;
        private long flushedAtNanos = System.nanoTime();
        private boolean cancelled;

        Progress(long id) {
            this.id = id;
        }

        @Override
        public OptionalLong jobId() {
            return OptionalLong.of(id);
        }

        @Override
        public synchronized void total(long total) {
            this.total = total;
            repository.updateTotal(id, total);
        }

        /**
         * Work that returned normally is complete, even where it skipped a pass it no longer needed (an atomic
         * import that found bad rows never starts its write pass): done then equals total, so that a finished
         * job never reads "100 001 of 200 002".
         */
        synchronized void complete() {
            done = Math.max(done, total);
        }

        @Override
        public synchronized void advance(long n) {
            done += n;
            if (System.nanoTime() - flushedAtNanos >= progressPeriodNanos) {
                flush();
            }
        }

        synchronized void flush() {
            repository.updateDone(id, done);
            flushedAtNanos = System.nanoTime();
        }

        /** The last progress count is shown, not needed: a job ends even when it cannot be written. */
        void flushQuietly() {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.warn("job progress not written id={}: {}", id, e.toString());
            }
        }

        /** Whether the job ends cancelled; if the flag cannot be read, what the work has seen decides. */
        synchronized boolean cancelledAtEnd() {
            try {
                return cancelled();
            } catch (RuntimeException e) {
                return cancelled;
            }
        }

        @Override
        public synchronized boolean cancelled() {
            if (!cancelled && repository.isCancelRequested(id)) {
                cancelled = true;
            }
            return cancelled;
        }
    }
}
