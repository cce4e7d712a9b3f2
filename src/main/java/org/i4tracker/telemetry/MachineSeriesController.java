package org.i4tracker.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.JsonLimits;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's readings over a range for the live chart, in one of two forms:
 * <ul>
 * <li><b>raw</b> (no {@code points}): state, cumulative good and reject counts and the free metrics, oldest
 *     first, over at most {@value #MAX_DAYS} days; at most {@code limit} readings (default 1 000, at most
 *     {@value #MAX_LIMIT}), the latest ones, with {@code truncated} saying that earlier ones were left out. For
 *     small windows and for export.</li>
 * <li><b>buckets</b> ({@code points=N}, 1 ≤ N ≤ {@value #MAX_POINTS}): every reading of the range, which may
 *     span up to {@value #MAX_BUCKET_DAYS} days (raw samples are kept 30 days by default), downsampled into at
 *     most N equal time buckets by {@link ReadingBuckets}: per bucket min, max and mean of each metric, the last
 *     counter values, seconds per state, the dominant state and the producing share. A range holding more than
 *     {@value #MAX_BUCKET_READINGS} readings is refused (422 naming {@code to}).</li>
 * </ul>
 * Same scope as the machine's KPIs: a machine out of the caller's scope is 404 like a missing one.
 */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
@Controller("/api/v1/machines/{id}/samples")
class MachineSeriesController {

    static final int MAX_DAYS = 7;
    static final int MAX_LIMIT = 5_000;
    static final int MAX_POINTS = 2_000;
    static final int MAX_BUCKET_DAYS = 31;
    /** Readings one bucket request may scan: 31 days at a little more than one reading per second. */
    static final long MAX_BUCKET_READINGS = 3_000_000;
    private static final ObjectMapper JSON = JsonLimits.objectMapper();

    @Introspected
    record MachineReading(Instant ts, String state, long goodCount, long rejectCount, @Nullable JsonNode metrics) {
    }

    /**
     * Raw form: {@code samples}, {@code truncated}; bucket form: {@code buckets} with their width in seconds, the
     * number of readings they summarise and whether readings carried more metric names than are summarised
     * ({@code samples} empty). The fields of the other form are null.
     */
    @Introspected
    record MachineReadings(long machineId, Instant from, Instant to, boolean truncated, List<MachineReading> samples,
                           @Nullable Double bucketSeconds, @Nullable Long readings, @Nullable Boolean metricsLeftOut,
                           @Nullable List<ReadingBuckets.Bucket> buckets) {
    }

    private final MachineRepository machines;
    private final TelemetryStore store;
    private final PlantScope scope;

    MachineSeriesController(MachineRepository machines, TelemetryStore store, PlantScope scope) {
        this.machines = machines;
        this.store = store;
        this.scope = scope;
    }

    @Operation(summary = "A machine's readings (state, counts, metrics) in [from, to): the latest limit (default 1000) raw ones, "
            + "or with points=N all of them downsampled into at most N time buckets (min/max/mean per metric, last counts, state time)")
    @Get
    MachineReadings samples(long id, @QueryValue Instant from, @QueryValue Instant to, @QueryValue @Nullable Integer limit,
                            @QueryValue @Nullable Integer points) throws SQLException {
        Machine machine = machines.findById(id).orElseThrow(() -> DomainException.notFound("machine", id));
        try {
            scope.read(machine.plantId());
        } catch (DomainException e) {
            throw DomainException.notFound("machine", id);
        }
        Check.instant(from, "from");
        Check.instant(to, "to");
        Check.that(to.isAfter(from), "to", "must be after from");
        if (points != null) {
            return buckets(id, from, to, limit, points);
        }
        Check.that(Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) <= 0,
                "to", "raw readings span at most " + MAX_DAYS + " days; ask for points=N (time buckets) for a longer range");
        int max = limit == null ? 1_000 : limit;
        Check.that(max >= 1 && max <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
        List<TelemetryStore.SeriesPoint> rows = store.series(id, from, to, max);
        boolean truncated = rows.size() > max;
        List<MachineReading> readings = (truncated ? rows.subList(1, rows.size()) : rows).stream()
                .map(r -> new MachineReading(r.ts(), r.state(), r.goodCount(), r.rejectCount(), metrics(r.metricsJson()))).toList();
        return new MachineReadings(id, from, to, truncated, readings, null, null, null, null);
    }

    private MachineReadings buckets(long id, Instant from, Instant to, Integer limit, int points) throws SQLException {
        Check.that(limit == null, "limit", "applies to raw readings only; leave it out with points");
        Check.range(points, 1, MAX_POINTS, "points");
        Check.that(Duration.between(from, to).compareTo(Duration.ofDays(MAX_BUCKET_DAYS)) <= 0,
                "to", "the range may span at most " + MAX_BUCKET_DAYS + " days");
        ReadingBuckets buckets = new ReadingBuckets(from, to, points);
        long[] scanned = {0};
        store.scanSeries(id, from, to, r -> {
            if (++scanned[0] > MAX_BUCKET_READINGS) {
                throw DomainException.unprocessable("to", "more than " + MAX_BUCKET_READINGS + " readings in the range; choose a shorter range");
            }
            buckets.add(new ReadingBuckets.Reading(r.ts(), r.state(), r.goodCount(), r.rejectCount(), numbers(r.metricsJson())));
        });
        ReadingBuckets.Result result = buckets.result();
        return new MachineReadings(id, from, to, false, List.of(), result.bucketWidth().toMillis() / 1000.0, result.readings(),
                result.metricsLeftOut(), result.buckets());
    }

    /** The numeric members of a metrics object (others are not summarised); empty when there are none or it is unreadable. */
    private static Map<String, Double> numbers(String json) {
        JsonNode node = metrics(json);
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, Double> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                values.put(e.getKey(), e.getValue().doubleValue());
            }
        });
        return values;
    }

    private static JsonNode metrics(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
