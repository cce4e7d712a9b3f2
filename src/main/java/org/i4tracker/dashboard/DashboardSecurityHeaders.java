package org.i4tracker.dashboard;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Browser hardening for the dashboard pages, their chart library and the root redirect: scripts and
 * styles only from this origin (no inline script, so an injected {@code <script>} never runs), data
 * only from this origin's API, no framing (clickjacking), no MIME sniffing and no referrer leaking
 * a firm id in a URL to another site.
 */
@ServerFilter({"/", "/dashboards", "/dashboards/**", "/webjars/**"})
class DashboardSecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
    }
}
