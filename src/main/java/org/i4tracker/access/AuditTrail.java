package org.i4tracker.access;

import io.micronaut.http.context.ServerRequestContext;

/**
 * Lets a feature add what a write changed to the audit event of the current request
 * ({@link AuditFilter} stores it in {@code audit_event.detail}), e.g. a firm's peer-defining
 * attributes before and after.
 */
public final class AuditTrail {

    static final String DETAIL = "i4.audit.detail";
    private static final int MAX = 2000;

    private AuditTrail() {
    }

    /** Notes what the current request changed; several notes are joined with "; ". */
    public static void note(String detail) {
        ServerRequestContext.currentRequest().ifPresent(r -> {
            String before = r.getAttribute(DETAIL, String.class).orElse(null);
            String all = before == null ? detail : before + "; " + detail;
            r.setAttribute(DETAIL, all.length() <= MAX ? all : all.substring(0, MAX));
        });
    }
}
