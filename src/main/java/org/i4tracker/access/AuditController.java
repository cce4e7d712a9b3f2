package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.time.Instant;
import java.util.Set;

/** The audit trail for admins: filter by user, by firm, or by a time window. */
@Tag(name = "Access")
@Secured(Role.ADMIN_ROLE)
@Controller("/api/v1/audit")
class AuditController {

    private final AuditEvent.Repository events;

    AuditController(AuditEvent.Repository events) {
        this.events = events;
    }

    @Get
    PageResponse<AuditEvent> list(@QueryValue @Nullable String user, @QueryValue @Nullable Long firm,
                                  @QueryValue @Nullable Instant from, @QueryValue @Nullable Instant to,
                                  @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size) {
        var pageable = PageQuery.of(page, size, "id,desc", Set.of("id"), "id,desc");
        int filters = (user != null ? 1 : 0) + (firm != null ? 1 : 0) + (from != null || to != null ? 1 : 0);
        Check.that(filters <= 1, "user", "filter by user, by firm or by time, one at a time");
        var result = user != null ? events.findByUsername(user, pageable)
                : firm != null ? events.findByFirmId(firm, pageable)
                : from != null || to != null ? events.findByAtBetween(from == null ? Instant.EPOCH : from,
                        to == null ? Instant.now() : to, pageable)
                : events.findAll(pageable);
        return PageResponse.of(result, e -> e);
    }
}
