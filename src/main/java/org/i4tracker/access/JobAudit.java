package org.i4tracker.access;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Audit events of work that ends after its request has been answered, such as an import job: the request itself is
 * audited by {@link AuditFilter} when it is accepted; this records, under method {@value #METHOD} and the job's path,
 * who started the work and what it changed ({@code audit_event.detail}, at most 2 000 characters).
 */
@Singleton
public class JobAudit {

    /** The {@code method} of these events, so that the audit log can be searched for them. */
    public static final String METHOD = "JOB";
    private static final Logger LOG = LoggerFactory.getLogger(JobAudit.class);
    private static final int MAX_DETAIL = 2000;

    private final AuditEvent.Repository events;

    JobAudit(AuditEvent.Repository events) {
        this.events = events;
    }

    /** Stores the outcome of a job started by {@code username} (with {@code role}); a failure to store it is logged, not thrown. */
    public void record(String username, String role, String path, String detail) {
        try {
            events.save(new AuditEvent(null, Instant.now(), username, role, METHOD, path, 200, null, null,
                    detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…"));
        } catch (RuntimeException e) {
            LOG.error("audit event of a job not stored path={} user={}", path, username, e);
        }
    }
}
