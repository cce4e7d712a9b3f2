package org.i4tracker.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.i4tracker.common.JsonLimits;

/**
 * Reads the JSON payload of {@code i4/{plant}/{machine}/telemetry}:
 * {@code {"ts":"ISO-8601","seq":42,"state":"EXECUTE","goodCount":1200,"rejectCount":7,
 * "idealCycleTimeMs":850,"metrics":{"spindleTempC":41.2}}}. {@code ts}, {@code state},
 * {@code goodCount} and {@code rejectCount} are required; counters are integers from 0 to
 * {@link OeeCalculator#MAX_COUNTER}, {@code state} a PackML state, {@code metrics} an object of numbers. Strings are not coerced
 * to numbers and unknown fields are refused, as everywhere in the API. Every refusal names the field.
 */
final class JsonTelemetryParser {

    static final Set<String> PACKML_STATES = Set.of("STOPPED", "STARTING", "IDLE", "SUSPENDED", "EXECUTE", "STOPPING",
            "ABORTING", "ABORTED", "HOLDING", "HELD", "UNHOLDING", "SUSPENDING", "UNSUSPENDING", "RESETTING",
            "COMPLETING", "COMPLETE", "CLEARING");
    private static final ObjectMapper JSON = JsonLimits.objectMapper();

    private final Clock clock;
    private final Duration maxClockSkew;
    private final Duration maxSampleAge;

    JsonTelemetryParser(Clock clock, Duration maxClockSkew) {
        this(clock, maxClockSkew, TelemetrySettings.DEFAULT_MAX_SAMPLE_AGE);
    }

    JsonTelemetryParser(Clock clock, Duration maxClockSkew, Duration maxSampleAge) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
        this.maxSampleAge = maxSampleAge;
    }

    /**
     * Refuses a time stamp more than {@code maxClockSkew} ahead of {@code now} or more than {@code maxAge} behind it:
     * the device's clock is wrong (or was never set), and the sample could be neither kept nor rolled up sensibly.
     */
    static void requireInWindow(Instant ts, Instant now, Duration maxClockSkew, Duration maxAge, String field) throws RejectedMessage {
        if (ts.isAfter(now.plus(maxClockSkew))) {
            throw new RejectedMessage(field + ": lies more than " + maxClockSkew + " in the future");
        }
        if (ts.isBefore(now.minus(maxAge))) {
            throw new RejectedMessage(field + ": lies more than " + maxAge + " in the past (i4.telemetry.max-sample-age)");
        }
    }

    /**
     * Streams the top-level object with Jackson's {@link JsonParser} (no tree for the whole message:
     * this runs for every message on the ingest path), keeping each field's value as a small node,
     * then checks the fields in a fixed order so that the reasons are the same whatever the order of
     * the fields in the payload. A repeated field keeps its last value, content after the object is ignored.
     */
    Sample parse(byte[] payload) throws RejectedMessage {
        JsonNode ts = null;
        JsonNode seq = null;
        JsonNode state = null;
        JsonNode good = null;
        JsonNode reject = null;
        JsonNode ideal = null;
        JsonNode metrics = null;
        String unknown = null;
        try (JsonParser p = JSON.getFactory().createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new RejectedMessage("payload must be a JSON object");
            }
            JsonToken t;
            for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                JsonNode value = scalar(p);
                switch (name) {
                    case "ts" -> ts = value;
                    case "seq" -> seq = value;
                    case "state" -> state = value;
                    case "goodCount" -> good = value;
                    case "rejectCount" -> reject = value;
                    case "idealCycleTimeMs" -> ideal = value;
                    case "metrics" -> metrics = value;
                    default -> unknown = unknown == null ? name : unknown;
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new RejectedMessage("payload is not JSON: Unexpected end-of-input: expected close marker for Object");
            }
        } catch (JsonProcessingException e) {
            throw new RejectedMessage("payload is not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new RejectedMessage("payload is not readable: " + e.getMessage());
        }
        if (unknown != null) {
            throw new RejectedMessage(unknown + ": unknown field");
        }
        Instant instant = timestamp(ts);
        Long seqValue = optionalCount(seq, "seq");
        String stateValue = state(state);
        long goodValue = requiredCount(good, "goodCount");
        long rejectValue = requiredCount(reject, "rejectCount");
        Long idealValue = optionalCount(ideal, "idealCycleTimeMs");
        if (idealValue != null && idealValue == 0) {
            throw new RejectedMessage("idealCycleTimeMs: must be positive");
        }
        String metricsText = metrics(metrics);
        return new Sample(instant, seqValue, stateValue, goodValue, rejectValue, idealValue, metricsText,
                metricsText == null ? null : (ObjectNode) metrics);
    }

    /** The current value: scalars as light nodes without building a tree, objects and arrays as trees. */
    private static JsonNode scalar(JsonParser p) throws java.io.IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? BigIntegerNode.valueOf(p.getBigIntegerValue()) : LongNode.valueOf(p.getLongValue());
            case VALUE_NULL -> NullNode.getInstance();
            default -> JSON.readTree(p);
        };
    }

    private Instant timestamp(JsonNode node) throws RejectedMessage {
        if (node == null || node.isNull()) {
            throw new RejectedMessage("ts: is required");
        }
        if (!node.isTextual()) {
            throw new RejectedMessage("ts: must be an ISO-8601 date-time string");
        }
        Instant ts;
        try {
            ts = OffsetDateTime.parse(node.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedMessage("ts: must be an ISO-8601 date-time with offset, e.g. 2025-03-01T08:00:00Z");
        }
        requireInWindow(ts, clock.instant(), maxClockSkew, maxSampleAge, "ts");
        return ts;
    }

    private static String state(JsonNode node) throws RejectedMessage {
        if (node == null || node.isNull()) {
            throw new RejectedMessage("state: is required");
        }
        if (!node.isTextual() || !PACKML_STATES.contains(node.textValue())) {
            throw new RejectedMessage("state: must be a PackML state such as EXECUTE, IDLE, STOPPED, HELD");
        }
        return node.textValue();
    }

    private static long requiredCount(JsonNode node, String field) throws RejectedMessage {
        Long value = optionalCount(node, field);
        if (value == null) {
            throw new RejectedMessage(field + ": is required");
        }
        return value;
    }

    private static Long optionalCount(JsonNode node, String field) throws RejectedMessage {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new RejectedMessage(field + ": must be an integer");
        }
        if (node.longValue() < 0) {
            throw new RejectedMessage(field + ": must not be negative");
        }
        if (node.longValue() > OeeCalculator.MAX_COUNTER) {
            throw new RejectedMessage(field + ": must be at most " + OeeCalculator.MAX_COUNTER);
        }
        return node.longValue();
    }

    private static String metrics(JsonNode node) throws RejectedMessage {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RejectedMessage("metrics: must be an object of numbers");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().doubleValue())) {
                throw new RejectedMessage("metrics." + e.getKey() + ": must be a number");
            }
        }
        String text = node.toString();
        if (text.length() > 4000) {
            throw new RejectedMessage("metrics: must be at most 4000 characters of JSON");
        }
        return text;
    }

    static String metricsJson(Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        metrics.forEach(node::put);
        return node.toString();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
