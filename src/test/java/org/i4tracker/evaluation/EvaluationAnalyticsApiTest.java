package org.i4tracker.evaluation;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class EvaluationAnalyticsApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    private Map<String, Object> post(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, json), Argument.mapOf(String.class, Object.class));
    }

    private HttpClientResponseException fails(String path, String json) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST(path, json), Map.class));
    }

    @SuppressWarnings("unchecked")
    private static String firstField(HttpClientResponseException e) {
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        var errors = (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
        return (String) errors.get(0).get("field");
    }

    private static final String HAND_DID = """
            {"units":[{"id":"t1","treated":true,"pre":10,"post":13},{"id":"t2","treated":true,"pre":20,"post":25},
             {"id":"c1","treated":false,"pre":10,"post":11},{"id":"c2","treated":false,"pre":12,"post":14},
             {"id":"c3","treated":false,"pre":30,"post":33}]}""";

    @Test
    void didReturnsAttSeAndN() {
        Map<String, Object> body = post("/api/v1/analytics/did", HAND_DID);
        assertEquals(Set.of("att", "se", "n"), body.keySet());
        // hand computation in DiffInDiffTest: ATT = 2, SE = √(13/18); tolerance 1e-12
        assertEquals(2.0, ((Number) body.get("att")).doubleValue(), 1e-12);
        assertEquals(Math.sqrt(13.0 / 18), ((Number) body.get("se")).doubleValue(), 1e-12);
        assertEquals(5, ((Number) body.get("n")).intValue());
    }

    @Test
    void didBadInputIs400NamingTheField() {
        assertEquals("units[1].pre", firstField(fails("/api/v1/analytics/did",
                "{\"units\":[{\"id\":\"a\",\"treated\":true,\"pre\":1,\"post\":2},{\"id\":\"b\",\"treated\":false,\"post\":2}]}")));
        var wrongType = fails("/api/v1/analytics/did",
                "{\"units\":[{\"id\":\"a\",\"treated\":true,\"pre\":\"1\",\"post\":2}]}");
        assertEquals(HttpStatus.BAD_REQUEST, wrongType.getStatus());
        assertEquals("units[0].pre", firstField(wrongType));
        assertEquals("units", firstField(fails("/api/v1/analytics/did", "{}")));
        assertEquals("units[0].colour", firstField(fails("/api/v1/analytics/did",
                "{\"units\":[{\"id\":\"a\",\"treated\":true,\"pre\":1,\"post\":2,\"colour\":1}]}")));
        var duplicate = fails("/api/v1/analytics/did",
                "{\"units\":[{\"id\":\"a\",\"treated\":true,\"pre\":1,\"post\":2},{\"id\":\"a\",\"treated\":false,\"pre\":1,\"post\":2}]}");
        assertEquals(HttpStatus.BAD_REQUEST, duplicate.getStatus());
        assertEquals("units[1].id", firstField(duplicate));
    }

    @Test
    void didNotEstimableIs422() {
        var noControls = fails("/api/v1/analytics/did",
                "{\"units\":[{\"id\":\"a\",\"treated\":true,\"pre\":1,\"post\":2},{\"id\":\"b\",\"treated\":true,\"pre\":1,\"post\":3}]}");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, noControls.getStatus());
        assertEquals("units", firstField(noControls));
        var single = fails("/api/v1/analytics/did", "{\"units\":[{\"id\":\"a\",\"treated\":true,\"pre\":1,\"post\":2}]}");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, single.getStatus());
    }

    @Test
    @SuppressWarnings("unchecked")
    void bootstrapAddsReproducibleSimultaneousBands() {
        String request = mpdtaJson(null);
        request = request.substring(0, request.length() - 1) + ",\"bootstrap\":{\"iterations\":1000,\"seed\":42}}";
        Map<String, Object> body = post("/api/v1/analytics/att-gt", request);
        var band = (Map<String, Object>) body.get("uniformBand");
        assertEquals(Set.of("criticalValue", "iterations", "seed", "weights", "alpha", "cells"), band.keySet());
        assertEquals(1000, ((Number) band.get("iterations")).intValue());
        assertEquals(42, ((Number) band.get("seed")).intValue());
        assertEquals("RADEMACHER", band.get("weights"));
        double c = ((Number) band.get("criticalValue")).doubleValue();
        // between the pointwise 1.96 and the Bonferroni bound for 12 cells (2.87), up to Monte Carlo noise
        assertTrue(c > 1.9 && c < 2.95, "critical value " + c);
        var cells = (List<Map<String, Object>>) band.get("cells");
        assertEquals(12, cells.size());
        assertEquals(Set.of("cohort", "period", "lower", "upper"), cells.get(0).keySet());
        var att = (List<Map<String, Object>>) body.get("attGt");
        for (int k = 0; k < 12; k++) {
            double a = ((Number) att.get(k).get("att")).doubleValue();
            assertTrue(((Number) cells.get(k).get("lower")).doubleValue() < a && a < ((Number) cells.get(k).get("upper")).doubleValue());
        }
        var dynamicBand = (Map<String, Object>) body.get("dynamicBand");
        assertEquals(Set.of("criticalValue", "bounds"), dynamicBand.keySet());
        var bounds = (List<Map<String, Object>>) dynamicBand.get("bounds");
        assertEquals(7, bounds.size());
        assertEquals(Set.of("eventTime", "lower", "upper"), bounds.get(0).keySet());
        assertEquals(3, ((List<?>) ((Map<String, Object>) body.get("groupBand")).get("bounds")).size());
        assertEquals(4, ((List<?>) ((Map<String, Object>) body.get("calendarBand")).get("bounds")).size());
        // balanceEventTime = 1 keeps cohorts 2004 and 2006 at e = -2..1 (StaggeredDidTest), and the band follows
        String balanced = request.substring(0, request.length() - 1) + ",\"balanceEventTime\":1}";
        Map<String, Object> balancedBody = post("/api/v1/analytics/att-gt", balanced);
        assertEquals(4, ((List<?>) balancedBody.get("dynamic")).size());
        assertEquals(4, ((List<?>) ((Map<String, Object>) balancedBody.get("dynamicBand")).get("bounds")).size());
        // same seed, same band
        assertEquals(band, post("/api/v1/analytics/att-gt", request).get("uniformBand"));

        String tooMany = request.replace("\"iterations\":1000", "\"iterations\":100001");
        HttpClientResponseException e = fails("/api/v1/analytics/att-gt", tooMany);
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus());
        assertEquals("bootstrap.iterations", firstField(e));
    }

    private static String mpdtaJson(String control) {
        String rows = Mpdta.observations().stream()
                .map(o -> "{\"unit\":\"" + o.unit() + "\",\"period\":" + o.period() + ",\"cohort\":" + o.cohort() + ",\"y\":" + o.y() + "}")
                .collect(Collectors.joining(","));
        return "{\"observations\":[" + rows + "]" + (control == null ? "" : ",\"control\":\"" + control + "\"") + "}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void attGtFollowsTheDesignShapeAndMatchesRDid() {
        Map<String, Object> body = post("/api/v1/analytics/att-gt", mpdtaJson("NEVER_TREATED"));
        assertEquals(Set.of("attGt", "simple", "dynamic", "group", "calendar", "preTest", "uniformBand", "dynamicBand",
                "groupBand", "calendarBand"), body.keySet());
        // without "bootstrap" in the request there are no bands
        assertEquals(null, body.get("uniformBand"));
        // R did aggte(type = "calendar") (csdid ref_aggte.csv, mpdta_nev_dr): 2005 -0.0704231581031467 (0.0309847667572767)
        var calendar = (List<Map<String, Object>>) body.get("calendar");
        assertEquals(Set.of("period", "att", "se"), calendar.get(1).keySet());
        assertEquals(2005, ((Number) calendar.get(1).get("period")).intValue());
        assertEquals(-0.0704231581031467, ((Number) calendar.get(1).get("att")).doubleValue(), 1e-10);
        assertEquals(0.0309847667572767, ((Number) calendar.get(1).get("se")).doubleValue(), 1e-10);
        // R did aggte(type = "group"): 2004 -0.0797491265747291 (0.0263677994350273)
        var group = (List<Map<String, Object>>) body.get("group");
        assertEquals(-0.0797491265747291, ((Number) group.get(0).get("att")).doubleValue(), 1e-10);
        assertEquals(0.0263677994350273, ((Number) group.get(0).get("se")).doubleValue(), 1e-10);
        var cells = (List<Map<String, Object>>) body.get("attGt");
        assertEquals(12, cells.size());
        assertEquals(Set.of("cohort", "period", "att", "se"), cells.get(0).keySet());
        var first = cells.stream().filter(c -> ((Number) c.get("cohort")).intValue() == 2004
                && ((Number) c.get("period")).intValue() == 2006).findFirst().orElseThrow();
        // R did, mpdta, never treated: ATT(2004,2006) = -0.137258738889403, se 0.0364356642876865 (tol 1e-10)
        assertEquals(-0.137258738889403, ((Number) first.get("att")).doubleValue(), 1e-10);
        assertEquals(0.0364356642876865, ((Number) first.get("se")).doubleValue(), 1e-10);
        var simple = (Map<String, Object>) body.get("simple");
        assertEquals(Set.of("att", "se"), simple.keySet());
        // R did aggte(type = "simple"): -0.0399512751551763 (0.0120340127701854)
        assertEquals(-0.0399512751551763, ((Number) simple.get("att")).doubleValue(), 1e-10);
        assertEquals(0.0120340127701854, ((Number) simple.get("se")).doubleValue(), 1e-10);
        var dynamic = (List<Map<String, Object>>) body.get("dynamic");
        assertEquals(7, dynamic.size());
        assertEquals(Set.of("eventTime", "att", "se"), dynamic.get(0).keySet());
        assertEquals(-3, ((Number) dynamic.get(0).get("eventTime")).intValue());

        // R did (ref_pretest.csv of the csdid port, scenario mpdta_nev_dr): W = 7.79123662720035, 5 cells, p = 0.16812
        var preTest = (Map<String, Object>) body.get("preTest");
        assertEquals(Set.of("statistic", "degreesOfFreedom", "pValue"), preTest.keySet());
        assertEquals(7.79123662720035, ((Number) preTest.get("statistic")).doubleValue(), 1e-9);
        assertEquals(5, ((Number) preTest.get("degreesOfFreedom")).intValue());
        assertEquals(0.16812, ((Number) preTest.get("pValue")).doubleValue(), 5e-6);

        // control defaults to NEVER_TREATED; NOT_YET_TREATED changes ATT(2004,2004) to -0.0193723636759221
        assertEquals(simple, post("/api/v1/analytics/att-gt", mpdtaJson(null)).get("simple"));
        var nyt = (List<Map<String, Object>>) post("/api/v1/analytics/att-gt", mpdtaJson("NOT_YET_TREATED")).get("attGt");
        assertEquals(-0.0193723636759221, ((Number) nyt.get(0).get("att")).doubleValue(), 1e-10);
    }

    private static String mpdtaWithLpopJson(String method) {
        String rows = Mpdta.observationsWithLpop().stream()
                .map(o -> "{\"unit\":\"" + o.unit() + "\",\"period\":" + o.period() + ",\"cohort\":" + o.cohort() + ",\"y\":" + o.y()
                        + ",\"x\":{\"lpop\":" + o.covariates().get("lpop") + "}}")
                .collect(Collectors.joining(","));
        return "{\"observations\":[" + rows + "]" + (method == null ? "" : ",\"method\":\"" + method + "\"") + "}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void attGtWithCovariatesMatchesRDid() {
        // default method with covariates is DR. Stata csdid method(dripw) (= R did "dr"), friosavila/playingwithstata
        // drdid/csdid_stata.md: ATT(2004,2006) = -.1404483 (.0353782), pre-test chi2(5) = 6.841824981670454; tol 5e-8 / 1e-8
        Map<String, Object> dr = post("/api/v1/analytics/att-gt", mpdtaWithLpopJson(null));
        var drCell = ((List<Map<String, Object>>) dr.get("attGt")).stream().filter(c -> ((Number) c.get("cohort")).intValue() == 2004
                && ((Number) c.get("period")).intValue() == 2006).findFirst().orElseThrow();
        assertEquals(-.1404483, ((Number) drCell.get("att")).doubleValue(), 5e-8);
        assertEquals(.0353782, ((Number) drCell.get("se")).doubleValue(), 5e-8);
        assertEquals(6.841824981670454, ((Number) ((Map<String, Object>) dr.get("preTest")).get("statistic")).doubleValue(), 1e-8);
        // R did est_method = "reg" (csdid port's ref_attgt.csv / ref_aggte.csv, scenario mpdta_nev_reg_cov), tol 1e-10
        Map<String, Object> reg = post("/api/v1/analytics/att-gt", mpdtaWithLpopJson("REG"));
        assertEquals(-0.014911237790361, ((Number) ((List<Map<String, Object>>) reg.get("attGt")).get(0).get("att")).doubleValue(), 1e-10);
        assertEquals(-0.0419686124215432, ((Number) ((Map<String, Object>) reg.get("simple")).get("att")).doubleValue(), 1e-10);
    }

    @Test
    void attGtCovariateErrors() {
        var changing = fails("/api/v1/analytics/att-gt", """
                {"observations":[{"unit":"a","period":1,"cohort":2,"y":1,"x":{"size":1}},{"unit":"a","period":2,"cohort":2,"y":3,"x":{"size":2}},
                 {"unit":"b","period":1,"cohort":0,"y":1,"x":{"size":1}},{"unit":"b","period":2,"cohort":0,"y":2,"x":{"size":1}}]}""");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, changing.getStatus());
        assertEquals("observations[1].x", firstField(changing));
        assertTrue(changing.getResponse().getBody(Map.class).orElseThrow().get("detail").toString().contains("unit a"));

        assertEquals("observations[0].x.size", firstField(fails("/api/v1/analytics/att-gt",
                "{\"observations\":[{\"unit\":\"a\",\"period\":1,\"cohort\":0,\"y\":2,\"x\":{\"size\":null}}]}")));
        assertEquals("method", firstField(fails("/api/v1/analytics/att-gt", "{\"observations\":[],\"method\":\"OLS\"}")));

        // x separates the cohort from its comparison units: no overlap, 422 naming the cohort, not a number
        var separated = fails("/api/v1/analytics/att-gt", """
                {"observations":[{"unit":"a","period":1,"cohort":2,"y":1,"x":{"size":5}},{"unit":"a","period":2,"cohort":2,"y":3,"x":{"size":5}},
                 {"unit":"b","period":1,"cohort":2,"y":2,"x":{"size":6}},{"unit":"b","period":2,"cohort":2,"y":5,"x":{"size":6}},
                 {"unit":"c","period":1,"cohort":0,"y":1,"x":{"size":1}},{"unit":"c","period":2,"cohort":0,"y":2,"x":{"size":1}},
                 {"unit":"d","period":1,"cohort":0,"y":2,"x":{"size":2}},{"unit":"d","period":2,"cohort":0,"y":2,"x":{"size":2}}]}""");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, separated.getStatus());
        assertEquals("x", firstField(separated));
        assertTrue(separated.getResponse().getBody(Map.class).orElseThrow().get("detail").toString().startsWith("cohort 2, period 2"));
    }

    @Test
    void attGtBadInputAndNotEstimable() {
        assertEquals("control", firstField(fails("/api/v1/analytics/att-gt",
                "{\"observations\":[],\"control\":\"SOMETIMES\"}")));
        assertEquals("observations[0].y", firstField(fails("/api/v1/analytics/att-gt",
                "{\"observations\":[{\"unit\":\"a\",\"period\":1,\"cohort\":0}]}")));
        assertEquals("observations[0].cohort", firstField(fails("/api/v1/analytics/att-gt",
                "{\"observations\":[{\"unit\":\"a\",\"period\":1,\"cohort\":-1,\"y\":2}]}")));
        assertEquals("observations[0].period", firstField(fails("/api/v1/analytics/att-gt",
                "{\"observations\":[{\"unit\":\"a\",\"period\":1.5,\"cohort\":0,\"y\":2}]}")));

        var unbalanced = fails("/api/v1/analytics/att-gt", """
                {"observations":[{"unit":"a","period":1,"cohort":2,"y":1},{"unit":"a","period":2,"cohort":2,"y":3},
                 {"unit":"b","period":1,"cohort":0,"y":1}]}""");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, unbalanced.getStatus());
        assertEquals("observations", firstField(unbalanced));
        var noNever = fails("/api/v1/analytics/att-gt", """
                {"observations":[{"unit":"a","period":1,"cohort":2,"y":1},{"unit":"a","period":2,"cohort":2,"y":3},
                 {"unit":"b","period":1,"cohort":2,"y":1},{"unit":"b","period":2,"cohort":2,"y":2}]}""");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, noNever.getStatus());
        assertEquals("control", firstField(noNever));
        assertTrue(noNever.getResponse().getBody(Map.class).orElseThrow().get("detail").toString().contains("never-treated"));
    }
}
