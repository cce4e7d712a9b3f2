package org.i4tracker.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Thin helpers over the blocking HTTP client for API tests: JSON maps in, JSON maps out. */
public final class Api {

    private final HttpClient http;

    public Api(HttpClient http) {
        this.http = http;
    }

    public Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), Argument.mapOf(String.class, Object.class));
    }

    public Map<String, Object> post(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, json), Argument.mapOf(String.class, Object.class));
    }

    public Map<String, Object> put(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.PUT(path, json), Argument.mapOf(String.class, Object.class));
    }

    public Map<String, Object> postCsv(String path, String csv) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, csv).contentType("text/csv"), Argument.mapOf(String.class, Object.class));
    }

    public String getText(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).accept(MediaType.ALL_TYPE), String.class);
    }

    /** Logs in without the test administrator's token and returns the answer (tokens and their type). */
    public Map<String, Object> login(String username, String password) {
        return http.toBlocking().retrieve(HttpRequest.POST("/login", Map.of("username", username, "password", password))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), Argument.mapOf(String.class, Object.class));
    }

    /** The access token of a real login. */
    public String token(String username, String password) {
        return (String) login(username, password).get("access_token");
    }

    /** The status the request is answered with, errors included. */
    public int status(io.micronaut.http.MutableHttpRequest<?> request) {
        return exchange(request).status();
    }

    /** Status and body of the answer, errors included. */
    public Answer exchange(io.micronaut.http.MutableHttpRequest<?> request) {
        try {
            var response = http.toBlocking().exchange(request, String.class);
            return new Answer(response.code(), response.getBody(String.class).orElse(""));
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    /** An answer's status and body; {@code toString} keeps the body short for failure messages. */
    public record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    public long create(String path, String json) {
        return ((Number) post(path, json).get("id")).longValue();
    }

    /** Asserts that the request fails with {@code status} as Problem+JSON and returns the problem body. */
    public Map<String, Object> problem(HttpRequest<?> request, int status) {
        var e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
        assertEquals(status, e.getStatus().getCode(), () -> "body: " + e.getResponse().getBody(String.class).orElse(""));
        assertEquals("application/problem+json", e.getResponse().getContentType().map(Object::toString).orElse(null));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(status, ((Number) body.get("status")).intValue());
        return body;
    }

    /** The fields named in a problem's {@code errors}. */
    @SuppressWarnings("unchecked")
    public static List<Object> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> e.get("field")).toList();
    }

    /** Polls a job until it has finished and returns it. */
    public Map<String, Object> awaitJob(Map<String, Object> job) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String href = (String) job.get("href");
        while (System.nanoTime() < deadline) {
            Map<String, Object> current = get(href);
            String status = (String) current.get("status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return current;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("job did not finish in time: " + href);
    }
}
