package org.i4tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON API of a running service as an administrator sees it, for putting programme, adoption and
 * employment data in place before the browser looks at the charts (the demo region has none of them).
 */
final class DemoApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    DemoApi(String base, String username, String password) {
        this.base = base;
        this.token = send("POST", "/login", Map.of("username", username, "password", password), null).get("access_token").asText();
    }

    JsonNode get(String path) {
        return send("GET", path, null, token);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body, token);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body, token);
    }

    List<JsonNode> items(String path) {
        List<JsonNode> out = new ArrayList<>();
        get(path).get("items").forEach(out::add);
        return out;
    }

    long id(String listPath, String field, String value) {
        return items(listPath).stream().filter(n -> n.get(field).asText().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + field + "=" + value + " in " + listPath)).get("id").asLong();
    }

    /** A programme of the agency's region with enrolments spread over 2023–2025 in every eligible district. */
    long programmeWithEnrolments(long regionId, List<Long> firmIds, Map<Long, LocalDate> enrolledOn) {
        long id = post("/api/v1/programmes", Map.of("code", "DIGI-" + System.nanoTime() % 100_000, "name", "Digital districts programme",
                "regionId", regionId, "startsOn", "2023-01-01",
                "services", List.of("DIGITAL_AUDIT", "TRAINING", "PILOT_PLANT_ACCESS"),
                "coFunding", Map.of("publicShare", 60, "firmShare", 40))).get("id").asLong();
        LocalDate day = LocalDate.of(2023, 2, 1);
        for (int i = 0; i < firmIds.size(); i++) {
            enrolledOn.put(firmIds.get(i), day.plusDays(i * 29L));
            post("/api/v1/programmes/" + id + "/enrolments", Map.of("firmId", firmIds.get(i), "enrolledOn", day.plusDays(i * 29L).toString(),
                    "services", List.of(Map.of("service", i % 2 == 0 ? "DIGITAL_AUDIT" : "TRAINING"))));
        }
        return id;
    }

    /** Adoptions of a technology with an S-shaped yearly count (few innovators, a peak, a tail). */
    int adoptions(List<Long> firmIds, String technology, int firstYear, int[] perYear) {
        int k = 0;
        for (int y = 0; y < perYear.length; y++) {
            for (int n = 0; n < perYear[y] && k < firmIds.size(); n++, k++) {
                post("/api/v1/adoptions", Map.of("firmId", firmIds.get(k), "technologyCode", technology,
                        "date", LocalDate.of(firstYear + y, 1 + n % 12, 10).toString()));
            }
        }
        return k;
    }

    /** Imports employment statistics (CSV job) and waits for it to finish. */
    void employmentStatistics(String csv) throws InterruptedException {
        JsonNode job = send("POST", "/api/v1/imports/employment-statistics?atomic=true", csv, token);
        for (int i = 0; i < 100 && !job.get("status").asText().matches("SUCCEEDED|FAILED|CANCELLED"); i++) {
            Thread.sleep(100);
            job = get("/api/v1/jobs/" + job.get("id").asLong());
        }
        if (!job.get("status").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("employment statistics import ended " + job);
        }
    }

    private JsonNode send(String method, String path, Object body, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (body instanceof String csv) {
                request.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofString(csv));
            } else if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
