package org.i4tracker.access;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The audit trail for admins, searched by any combination of user, method, firm, time window and free text on what
 * the event changed (detail) or its path; newest first unless sorted otherwise; each event names its firm.
 */
@Tag(name = "Access")
@Secured(Role.ADMIN_ROLE)
@Controller("/api/v1/audit")
class AuditController {

    /** The methods audit events carry: the HTTP methods of audited requests and {@link JobAudit#METHOD}. */
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", JobAudit.METHOD);
    static final int MAX_TEXT = 200;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An audit event with the name of its firm ({@code null} when there is none or the firm no longer exists). */
    @Introspected
    record Entry(Long id, Instant at, String username, String role, String method, String path, int status, String remote,
                 Long firmId, String firmName, String detail) {
    }

    private final AuditEvent.Repository events;
    private final FirmDirectory firms;

    AuditController(AuditEvent.Repository events, FirmDirectory firms) {
        this.events = events;
        this.firms = firms;
    }

    @Operation(summary = "Search the audit log: every filter given applies (user, method, firm, from/to, q on detail or path)",
            description = "Newest first (sort=id,desc) unless sort=at|id[,asc|desc]; at most 500 per page. user: a username (≤ 200 "
                    + "characters); method: GET, POST, PUT, PATCH, DELETE or JOB (an import job's outcome); q: at most 200 characters, "
                    + "case-insensitive; to must not be before from. A bad filter is 400 naming it.")
    @Get
    PageResponse<Entry> list(@QueryValue @Nullable String user, @QueryValue @Nullable String method, @QueryValue @Nullable Long firm,
                             @QueryValue @Nullable Instant from, @QueryValue @Nullable Instant to, @QueryValue @Nullable String q,
                             @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, Set.of("id", "at"), "id,desc");
        Check.instant(from, "from");
        Check.instant(to, "to");
        String username = blankToNull(user);
        if (username != null) {
            Check.that(username.length() <= 200 && username.matches("[A-Za-z0-9._@-]+"), "user",
                    "must be a username: at most 200 letters, digits and . _ @ -");
        }
        String m = blankToNull(method);
        if (m != null) {
            m = m.toUpperCase(Locale.ROOT);
            Check.that(METHODS.contains(m), "method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        Check.that(firm == null || firm > 0, "firm", "must be a firm id");
        Check.that(from == null || to == null || !to.isBefore(from), "to", "must not be before from");
        String text = blankToNull(q);
        Check.that(text == null || text.length() <= MAX_TEXT, "q", "must be at most " + MAX_TEXT + " characters");
        var result = events.search(username, m, firm, from == null ? Instant.EPOCH : from, to == null ? LATEST : to,
                text == null ? null : "%" + likeEscaped(text.toLowerCase(Locale.ROOT)) + "%", pageable);
        Map<Long, String> names = firms.namesOf(result.getContent().stream().map(AuditEvent::firmId).filter(Objects::nonNull).toList());
        return PageResponse.of(result, e -> new Entry(e.id(), e.at(), e.username(), e.role(), e.method(), e.path(), e.status(),
                e.remote(), e.firmId(), e.firmId() == null ? null : names.get(e.firmId()), e.detail()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The text with LIKE's wildcards and the escape character taken literally (escape: backslash). */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
