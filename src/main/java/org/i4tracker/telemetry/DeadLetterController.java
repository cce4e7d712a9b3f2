package org.i4tracker.telemetry;

import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.common.Check;
import org.i4tracker.job.JobView;
import org.i4tracker.job.Jobs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Dead letters: list, inspect, and replay (after registering the missing machine, say). Replay runs
 * the stored payload through the same decoder as live ingest; a payload that was cut to the
 * dead-letter size limit cannot be replayed. A dead letter is a raw message whose plant and firm are
 * not known for sure (that is why it was refused), so no firm scope covers it: only administrators
 * see and replay dead letters.
 */
@Tag(name = "Telemetry")
@Secured(Role.ADMIN_ROLE)
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

    /** Body of a bulk replay: the dead letters to replay, in this order. */
    record ReplayRequest(List<Long> ids) {
        ReplayRequest {
            Check.that(ids != null && !ids.isEmpty(), "ids", "must list at least one dead letter id");
            Check.that(ids.size() <= MAX_IDS, "ids", "may list at most " + MAX_IDS + " ids; use pending=true for more");
            Check.that(ids.stream().allMatch(id -> id != null && id > 0), "ids", "must be positive ids");
            ids = List.copyOf(ids);
        }
    }

    static final int MAX_IDS = 10_000;
    static final String JOB_KIND = "telemetry-dead-letter-replay";

    private final DeadLetterRepository deadLetters;
    private final DeadLetterReplayer replayer;
    private final Jobs jobs;
    private final CurrentUser current;

    DeadLetterController(DeadLetterRepository deadLetters, DeadLetterReplayer replayer, Jobs jobs, CurrentUser current) {
        this.deadLetters = deadLetters;
        this.replayer = replayer;
        this.jobs = jobs;
        this.current = current;
    }

    @Get
    PageResponse<DeadLetterSummary> list(@QueryValue("pending") @Nullable @Schema(type = "boolean") String pendingFlag, @QueryValue @Nullable Integer page,
                                         @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        Boolean pending = Check.optionalFlag(pendingFlag, "pending");
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
    DeadLetterReplayer.ReplayResult replay(long id) throws SQLException {
        return replayer.replay(id);
    }

    /**
     * Replays many dead letters as a background job (202 with the job; progress, result and
     * cancellation under {@code /api/v1/jobs/{id}}): all pending ones with {@code ?pending=true}, or
     * the ids of the body. The job's result counts stored / duplicate / rejected / not found and
     * lists the outcome of every letter.
     */
    @Post("/replay")
    HttpResponse<JobView> replayMany(@QueryValue("pending") @Nullable @Schema(type = "boolean") String pendingFlag, @Body @Nullable ReplayRequest body) {
        Boolean pending = Check.optionalFlag(pendingFlag, "pending");
        boolean all = Boolean.TRUE.equals(pending);
        if (all == (body != null)) {
            throw DomainException.invalid(all ? "ids" : "pending", "give either pending=true or a body {\"ids\":[...]}, not both or neither");
        }
        List<Long> ids = all ? deadLetters.findPendingIds() : body.ids();
        JobView job = jobs.submit(JOB_KIND, current.username().orElse(null), progress -> replayer.replayAll(ids, progress));
        LOG.info("dead letter replay job submitted job={} letters={} pending={}", job.id(), ids.size(), all);
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }

    private DeadLetter require(long id) {
        return deadLetters.findById(id).orElseThrow(() -> DomainException.notFound("dead letter", id));
    }
}
