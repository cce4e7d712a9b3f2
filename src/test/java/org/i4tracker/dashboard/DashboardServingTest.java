package org.i4tracker.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboards are public static files with hardened headers; their data stays behind the API's access control. */
@MicronautTest
class DashboardServingTest {

    private static final String ANONYMOUS = "X-Test-Anonymous";

    @Inject
    @Client("/")
    HttpClient http;

    private HttpResponse<String> get(String path) {
        return http.toBlocking().exchange(HttpRequest.GET(path).header(ANONYMOUS, "1"), String.class);
    }

    @Test
    void rootRedirectsToTheLoginPage() {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/").header(ANONYMOUS, "1"), String.class);
        // The client follows the redirect; the page it lands on is the dashboards' index.
        assertEquals(200, response.code());
        assertTrue(response.body().contains("<form id=\"login-form\""));
    }

    @Test
    void pagesAndChartLibraryAreServedToAnonymousVisitorsWithSecurityHeaders() {
        HttpResponse<String> page = get("/dashboards/index.html");
        assertEquals(200, page.code());
        assertTrue(page.getContentType().orElseThrow().toString().startsWith("text/html"));
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertFalse(page.body().contains("<script>"), "no inline script");

        HttpResponse<String> module = get("/dashboards/js/app.js");
        assertEquals(200, module.code());
        assertTrue(module.getContentType().orElseThrow().toString().contains("javascript"), module.getContentType().toString());

        HttpResponse<String> chartJs = get("/webjars/chart.js/4.4.1/dist/chart.umd.js");
        assertEquals(200, chartJs.code());
        assertEquals("nosniff", chartJs.header("X-Content-Type-Options"));
    }

    @Test
    void theDataBehindThePagesStillNeedsAToken() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> get("/api/v1/programmes"));
        assertEquals(401, e.code());
    }
}
