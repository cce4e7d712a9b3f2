package org.i4tracker.telemetry;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;
import org.i4tracker.job.JobProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs stored dead letters through the live decoder and store again (after registering the missing
 * machine, say): one letter per transaction, duplicates skipped by the store's unique key, the
 * adoption event published for a machine's first sample exactly as live ingest does. A letter that
 * is refused again keeps its pending state and gets the new reason; a letter whose payload was cut
 * to the dead-letter size limit cannot be replayed.
 */
@Singleton
class DeadLetterReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);
    /** Per-letter lines kept in a job's report; the counts always cover every letter. */
    static final int MAX_REPORTED_LETTERS = 5_000;

    enum ReplayOutcome { STORED, DUPLICATE, REJECTED, NOT_FOUND }

    record ReplayResult(long id, ReplayOutcome outcome, @Nullable String reason) {
    }

    /** A replay job's result: counts per outcome and the outcome of each letter (at most {@link #MAX_REPORTED_LETTERS}). */
    record ReplayReport(int requested, int replayed, int stored, int duplicate, int rejected, int notFound,
                        boolean cancelled, boolean lettersTruncated, List<ReplayResult> letters) {
    }

    private final DeadLetterRepository deadLetters;
    private final TelemetryDecoder decoder;
    private final TelemetryStore store;
    private final TelemetryStats stats;
    private final TelemetryAdoptions adoptions;

    DeadLetterReplayer(DeadLetterRepository deadLetters, TelemetryDecoder decoder, TelemetryStore store,
                       TelemetryStats stats, TelemetryAdoptions adoptions) {
        this.deadLetters = deadLetters;
        this.decoder = decoder;
        this.store = store;
        this.stats = stats;
        this.adoptions = adoptions;
    }

    /** Replays one letter; 404 when it does not exist, 422 when its payload was truncated. */
    ReplayResult replay(long id) throws SQLException {
        DeadLetter d = deadLetters.findById(id).orElseThrow(() -> DomainException.notFound("dead letter", id));
        if (d.payload().length < d.payloadSize()) {
            throw DomainException.unprocessable("payload", truncatedReason(d));
        }
        return replay(d);
    }

    /** Replays the letters in order, checking for cancellation between letters; never throws for one bad letter. */
    ReplayReport replayAll(List<Long> ids, JobProgress progress) {
        progress.total(ids.size());
        int[] counts = new int[ReplayOutcome.values().length];
        List<ReplayResult> letters = new ArrayList<>();
        int replayed = 0;
        boolean cancelled = false;
        for (long id : ids) {
            if (progress.cancelled()) {
                cancelled = true;
                break;
            }
            ReplayResult result = deadLetters.findById(id).map(this::replayQuietly)
                    .orElseGet(() -> new ReplayResult(id, ReplayOutcome.NOT_FOUND, "no dead letter " + id));
            counts[result.outcome().ordinal()]++;
            if (letters.size() < MAX_REPORTED_LETTERS) {
                letters.add(result);
            }
            replayed++;
            progress.advance(1);
        }
        LOG.info("dead letters replayed requested={} replayed={} stored={} duplicate={} rejected={} cancelled={}", ids.size(),
                replayed, counts[ReplayOutcome.STORED.ordinal()], counts[ReplayOutcome.DUPLICATE.ordinal()],
                counts[ReplayOutcome.REJECTED.ordinal()], cancelled);
        return new ReplayReport(ids.size(), replayed, counts[ReplayOutcome.STORED.ordinal()],
                counts[ReplayOutcome.DUPLICATE.ordinal()], counts[ReplayOutcome.REJECTED.ordinal()],
                counts[ReplayOutcome.NOT_FOUND.ordinal()], cancelled, replayed > letters.size(), letters);
    }

    private ReplayResult replayQuietly(DeadLetter d) {
        if (d.payload().length < d.payloadSize()) {
            return new ReplayResult(d.id(), ReplayOutcome.REJECTED, truncatedReason(d));
        }
        try {
            return replay(d);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("dead letter replay failed id={}: {}", d.id(), e.toString());
            return new ReplayResult(d.id(), ReplayOutcome.REJECTED, "not stored: " + e.getMessage());
        }
    }

    private ReplayResult replay(DeadLetter d) throws SQLException {
        long id = d.id();
        List<TelemetryStore.SampleRow> samples = new ArrayList<>();
        List<TelemetryStore.DeadLetterRow> rejected = new ArrayList<>();
        decoder.decode(new InboundMessage(d.topic(), d.payload(), d.receivedAt(), InboundMessage.Acknowledgement.NONE),
                true, samples, rejected);
        ReplayResult result;
        if (!rejected.isEmpty()) {
            deadLetters.update(id, TelemetryStore.truncate(rejected.get(0).reason(), 500), null, d.replayCount() + 1);
            result = new ReplayResult(id, ReplayOutcome.REJECTED, rejected.get(0).reason());
        } else {
            TelemetryStore.Outcome outcome = store.write(samples, List.of());
            stats.committed(outcome.stored(), outcome.duplicates(), 0);
            deadLetters.update(id, d.reason(), Instant.now(), d.replayCount() + 1);
            adoptions.firstReports(outcome.firstReports());
            result = new ReplayResult(id, outcome.stored() > 0 || samples.isEmpty() ? ReplayOutcome.STORED : ReplayOutcome.DUPLICATE, null);
        }
        LOG.info("dead letter replayed id={} outcome={}", id, result.outcome());
        return result;
    }

    private static String truncatedReason(DeadLetter d) {
        return "only " + d.payload().length + " of " + d.payloadSize() + " bytes were kept; the message cannot be replayed";
    }
}
