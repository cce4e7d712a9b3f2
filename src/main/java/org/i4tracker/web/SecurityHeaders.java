package org.i4tracker.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Response headers that tell a browser how to treat our answers. Every answer carries
 * {@code X-Content-Type-Options: nosniff}, so a browser never runs an API answer (a CSV export, a
 * stored text) as a script or page of another type. Swagger UI's page gets a Content-Security-Policy
 * that allows only this origin's scripts, styles and API calls: the page's one inline boot script is
 * admitted by its SHA-256 hash (computed from the packaged page at start-up), inline styles are
 * admitted because the UI sets style attributes from script, and nothing may frame the page.
 */
@ServerFilter("/**")
final class SecurityHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityHeaders.class);
    private static final String SWAGGER_UI_PAGE = "classpath:META-INF/swagger/views/swagger-ui/index.html";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private final String swaggerUiPolicy;

    SecurityHeaders(ResourceResolver resources) {
        List<String> hashes = inlineScriptHashes(resources);
        this.swaggerUiPolicy = "default-src 'self'; script-src 'self'" + hashes.stream().map(h -> " '" + h + "'").reduce("", String::concat)
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        if (request.getPath().startsWith("/swagger-ui")) {
            response.getHeaders().set("Content-Security-Policy", swaggerUiPolicy);
        }
    }

    private static List<String> inlineScriptHashes(ResourceResolver resources) {
        List<String> hashes = new ArrayList<>();
        try (InputStream page = resources.getResourceAsStream(SWAGGER_UI_PAGE).orElse(null)) {
            if (page == null) {
                return hashes;
            }
            Matcher script = INLINE_SCRIPT.matcher(new String(page.readAllBytes(), StandardCharsets.UTF_8));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            while (script.find()) {
                hashes.add("sha256-" + Base64.getEncoder().encodeToString(sha256.digest(script.group(1).getBytes(StandardCharsets.UTF_8))));
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // Without the hash the page's boot script is refused: the UI shows nothing rather than running unvetted script.
            LOG.warn("swagger-ui page not read; its Content-Security-Policy admits no inline script", e);
        }
        return hashes;
    }
}
