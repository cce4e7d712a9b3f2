package org.i4tracker.telemetry;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;

import java.util.Map;

/** Creates the registry rows telemetry tests need (region, district, firm, RTI, plant, machines) through the API. */
final class TelemetryFixtures {

    private final HttpClient http;

    TelemetryFixtures(HttpClient http) {
        this.http = http;
    }

    Map<String, Object> post(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, json), Argument.mapOf(String.class, Object.class));
    }

    long firm(String code) {
        long region = id(post("/api/v1/regions", "{\"code\":\"R" + code + "\",\"name\":\"Region " + code + "\"}"));
        long district = id(post("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"District " + code
                + "\",\"naceCode\":\"28\"}"));
        return id(post("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code
                + "\",\"name\":\"Firm " + code + "\",\"naceCode\":\"28.41\",\"employees\":40}"));
    }

    long rtiOfFirmRegion(long firmId) {
        long district = ((Number) http.toBlocking().retrieve("/api/v1/firms/" + firmId, Map.class).get("districtId")).longValue();
        long region = ((Number) http.toBlocking().retrieve("/api/v1/districts/" + district, Map.class).get("regionId")).longValue();
        return id(post("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI " + firmId
                + "\",\"kind\":\"RTI\",\"marketActor\":false}"));
    }

    long plant(String code, long firmId) {
        return id(post("/api/v1/plants", "{\"code\":\"" + code + "\",\"name\":\"Plant " + code + "\",\"firmId\":" + firmId + "}"));
    }

    long machine(long plantId, String code, long idealCycleTimeMs) {
        return id(post("/api/v1/plants/" + plantId + "/machines", "{\"code\":\"" + code + "\",\"name\":\"Machine " + code
                + "\",\"idealCycleTimeMs\":" + idealCycleTimeMs + "}"));
    }

    /** A new firm with a new plant {@code plantCode} and its machine {@code m1}; returns the machine's id. */
    long machineOfNewPlant(String plantCode, String firmCode) {
        return machine(plant(plantCode, firm(firmCode)), "m1", 850);
    }

    static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }
}
