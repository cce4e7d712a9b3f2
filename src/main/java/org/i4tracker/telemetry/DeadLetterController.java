package org.i4tracker.telemetry;

import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Dead letters: list, inspect, and replay (after registering the missing machine, say). Replay runs
 * the stored payload through the same decoder as live ingest; a payload that was cut to the
 * dead-letter size limit cannot be replayed.
 */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/telemetry/dead-letters")
class DeadLetterController {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterController.class);
    private static final Set<String> SORTABLE = Set.of("id", "receivedAt", "topic");

    /** A dead letter without its payload, for lists. */
    record DeadLetterSummary(long id, Instant receivedAt, String topic, String reason, int payloadSize,
                             @Nullable Instant replayedAt, int replayCount) {
        static DeadLetterSummary of(DeadLetter d) {
            return new DeadLetterSummary(d.id(), d.receivedAt(), d.topic(), d.reason(), d.payloadSize(), d.replayedAt(),
                    d.replayCount());
        }
    }

    /** One dead letter with its stored payload as Base64 and, when it is UTF-8 text, as text. */
    record DeadLetterDetail(DeadLetterSummary summary, String payloadBase64, @Nullable String payloadText,
                            boolean payloadTruncated) {
    }

    enum ReplayOutcome { STORED, DUPLICATE, REJECTED }

    record ReplayResult(long id, ReplayOutcome outcome, @Nullable String reason) {
    }

    private final DeadLetterRepository deadLetters;
    private final TelemetryDecoder decoder;
    private final TelemetryStore store;
    private final TelemetryStats stats;

    DeadLetterController(DeadLetterRepository deadLetters, TelemetryDecoder decoder, TelemetryStore store, TelemetryStats stats) {
        this.deadLetters = deadLetters;
        this.decoder = decoder;
        this.store = store;
        this.stats = stats;
    }

    @Get
    PageResponse<DeadLetterSummary> list(@QueryValue @Nullable Boolean pending, @QueryValue @Nullable Integer page,
                                         @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "id,desc");
        var result = Boolean.TRUE.equals(pending) ? deadLetters.findByReplayedAtIsNull(pageable) : deadLetters.findAll(pageable);
        return PageResponse.of(result, DeadLetterSummary::of);
    }

    @Get("/{id}")
    DeadLetterDetail get(long id) {
        DeadLetter d = require(id);
        String text = new String(d.payload(), StandardCharsets.UTF_8);
        boolean isText = StandardCharsets.UTF_8.newEncoder().canEncode(text) && !text.contains("\uFFFD");
        return new DeadLetterDetail(DeadLetterSummary.of(d), Base64.getEncoder().encodeToString(d.payload()),
                isText ? text : null, d.payload().length < d.payloadSize());
    }

    @Post("/{id}/replay")
    ReplayResult replay(long id) throws SQLException {
        DeadLetter d = require(id);
        if (d.payload().length < d.payloadSize()) {
            throw DomainException.unprocessable("payload", "only " + d.payload().length + " of " + d.payloadSize()
                    + " bytes were kept; the message cannot be replayed");
        }
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
            result = new ReplayResult(id, outcome.stored() > 0 || samples.isEmpty() ? ReplayOutcome.STORED : ReplayOutcome.DUPLICATE, null);
        }
        LOG.info("dead letter replayed id={} outcome={}", id, result.outcome());
        return result;
    }

    private DeadLetter require(long id) {
        return deadLetters.findById(id).orElseThrow(() -> DomainException.notFound("dead letter", id));
    }
}
