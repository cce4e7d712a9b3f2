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
import java.util.List;

/**
 * A machine's raw readings over a range for the live chart: state, cumulative good and reject counts and
 * the free metrics, oldest first. Ranges span at most {@value #MAX_DAYS} days of raw samples (older ones
 * are rolled up, see {@link KpiController}); at most {@code limit} readings, the latest ones, with
 * {@code truncated} saying that earlier ones were left out. Same scope as the machine's KPIs.
 */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
@Controller("/api/v1/machines/{id}/samples")
class MachineSeriesController {

    static final int MAX_DAYS = 7;
    static final int MAX_LIMIT = 5_000;
    private static final ObjectMapper JSON = JsonLimits.objectMapper();

    @Introspected
    record MachineReading(Instant ts, String state, long goodCount, long rejectCount, @Nullable JsonNode metrics) {
    }

    @Introspected
    record MachineReadings(long machineId, Instant from, Instant to, boolean truncated, List<MachineReading> samples) {
    }

    private final MachineRepository machines;
    private final TelemetryStore store;
    private final PlantScope scope;

    MachineSeriesController(MachineRepository machines, TelemetryStore store, PlantScope scope) {
        this.machines = machines;
        this.store = store;
        this.scope = scope;
    }

    @Operation(summary = "A machine's readings (state, counts, metrics) in [from, to), at most limit (default 1000), the latest ones")
    @Get
    MachineReadings samples(long id, @QueryValue Instant from, @QueryValue Instant to, @QueryValue @Nullable Integer limit) throws SQLException {
        Machine machine = machines.findById(id).orElseThrow(() -> DomainException.notFound("machine", id));
        try {
            scope.read(machine.plantId());
        } catch (DomainException e) {
            throw DomainException.notFound("machine", id);
        }
        Check.that(to.isAfter(from), "to", "must be after from");
        Check.that(Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) <= 0,
                "to", "the range may span at most " + MAX_DAYS + " days");
        int max = limit == null ? 1_000 : limit;
        Check.that(max >= 1 && max <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT);
        List<TelemetryStore.SeriesPoint> rows = store.series(id, from, to, max);
        boolean truncated = rows.size() > max;
        List<MachineReading> points = (truncated ? rows.subList(1, rows.size()) : rows).stream()
                .map(r -> new MachineReading(r.ts(), r.state(), r.goodCount(), r.rejectCount(), metrics(r.metricsJson()))).toList();
        return new MachineReadings(id, from, to, truncated, points);
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
