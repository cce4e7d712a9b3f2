package org.i4tracker.access;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Audits every write under {@code /api} and every read of one firm's data by someone who is not
 * that firm — a firm path ({@code /api/v1/firms/{id}/…}), an assessment, or any route whose firm
 * {@link FirmAccess#require} admitted, {@code ?firm=} filters included — and every bulk export
 * ({@code /api/v1/exports/…}, a path ending in {@code /export}): who, what, when, from
 * where, the status answered, the firm and what a write changed ({@link AuditTrail}). Rows go to {@code audit_event}, readable
 * by admins at {@code GET /api/v1/audit}. Tokens and bodies are never recorded.
 *
 * <p>A dashboard that refreshes (the pilot plants' readings every 5 s) repeats the same read: a read answered 2xx
 * that repeats, for the same user, path and firm, one this instance recorded less than
 * {@code i4.audit.repeated-read-window} (default 5 minutes) before is not recorded again. Writes, exports, refusals
 * and the first read of each window always are.
 */
@ServerFilter("/api/**")
class AuditFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    private static final Pattern FIRM_PATH = Pattern.compile("^/api/v1/firms/(\\d+)(/.*)?$");

    /** Keys of the reads recorded lately, bounded: past this many the memory is cleared (a read may then be recorded twice). */
    private static final int MAX_REMEMBERED_READS = 20_000;

    private final AuditEvent.Repository events;
    private final long repeatWindowNanos;
    private final java.util.concurrent.ConcurrentHashMap<String, Long> recordedReads = new java.util.concurrent.ConcurrentHashMap<>();

    AuditFilter(AuditEvent.Repository events,
                @io.micronaut.context.annotation.Value("${i4.audit.repeated-read-window:5m}") java.time.Duration repeatWindow) {
        this.events = events;
        this.repeatWindowNanos = repeatWindow.toNanos();
    }

    /** True when the same user read the same path of the same firm, and it was recorded, within the window. */
    private boolean repeatsARecordedRead(String user, String path, Long firmId) {
        if (repeatWindowNanos <= 0) {
            return false;
        }
        String key = user + '\n' + path + '\n' + firmId;
        long now = System.nanoTime();
        Long last = recordedReads.get(key);
        if (last != null && now - last < repeatWindowNanos) {
            return true;
        }
        if (recordedReads.size() >= MAX_REMEMBERED_READS) {
            recordedReads.clear();
        }
        recordedReads.put(key, now);
        return false;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        Optional<Authentication> auth = request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class);
        Long firmId = request.getAttribute(FirmAccess.AUDITED_FIRM, Long.class).orElseGet(() -> firmOf(path));
        boolean write = request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD
                && request.getMethod() != HttpMethod.OPTIONS;
        boolean firmRead = !write && (firmId != null || path.startsWith("/api/v1/assessments")) && !ownFirm(auth, firmId);
        boolean export = isExport(path);
        if (!write && !firmRead && !export) {
            return;
        }
        if (!write && !export && response.code() / 100 == 2
                && repeatsARecordedRead(auth.map(Authentication::getName).orElse(""), path, firmId)) {
            return;
        }
        if (response.code() == 503) {
            // The database is unavailable (the one cause of a 503): the request changed nothing, and
            // trying to store its event would hold the answer for another pool timeout.
            LOG.warn("audit event not stored, database unavailable: method={} path={} user={}", request.getMethod(), path,
                    auth.map(Authentication::getName).orElse(null));
            return;
        }
        try {
            events.save(new AuditEvent(null, Instant.now(), auth.map(Authentication::getName).orElse(null),
                    auth.flatMap(a -> a.getRoles().stream().findFirst()).orElse(null), request.getMethod().name(),
                    truncate(path + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery()), 1000),
                    response.code(), request.getRemoteAddress().getAddress().getHostAddress(), firmId,
                    request.getAttribute(AuditTrail.DETAIL, String.class).orElse(null)));
        } catch (RuntimeException e) {
            // Auditing must not turn a served request into an error; the failure itself is logged.
            LOG.error("audit event not stored method={} path={}", request.getMethod(), path, e);
        }
    }

    /** A bulk export: {@code /api/v1/exports/…} or a path ending in {@code /export} (the router answers {@code /export/} too). */
    private static boolean isExport(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.startsWith("/api/v1/exports/") || path.startsWith("/export", end - "/export".length());
    }

    private static boolean ownFirm(Optional<Authentication> auth, Long firmId) {
        return firmId != null && auth.map(a -> a.getAttributes().get(CurrentUser.FIRM_ID))
                .filter(Number.class::isInstance).map(v -> ((Number) v).longValue() == firmId).orElse(false);
    }

    private static Long firmOf(String path) {
        Matcher m = FIRM_PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        try {
            return Long.valueOf(m.group(1));
        } catch (NumberFormatException e) {
            // An id beyond Long.MAX_VALUE names no firm; the route itself answers 400 (or 401 to anonymous).
            return null;
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
