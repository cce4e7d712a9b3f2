package org.i4tracker.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.i4tracker.common.JsonLimits;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics column of a {@link SampleChunk}: the distinct names once, the distinct key lists
 * ("shapes", 0 for a sample without metrics, else 1 + the number of names and their indexes) once,
 * runs of (shape index, length), then per name the values of the samples that have it, as runs of
 * one kind: {@link #INTEGER} (deltas), {@link #DECIMAL} + scale (deltas of the value × 10^scale, for
 * a double that equals that integer / 10^scale exactly), {@link #DOUBLE} (IEEE bits XOR the previous
 * value's) or {@link #TEXT} (an integer beyond {@code long}). A metrics JSON text comes back as the
 * same text: the parser keeps metrics as a Jackson object's text (and the object, which the encoder
 * reads instead of parsing the text again), and decoding rebuilds that object with the same key order
 * and number types. Plain Java.
 */
final class ChunkMetrics {

    static final int INTEGER = 0;
    static final int DOUBLE = 1;
    static final int TEXT = 2;
    /** {@code DECIMAL + scale}, scale 0..{@link #MAX_SCALE}. */
    static final int DECIMAL = 3;
    static final int MAX_SCALE = 9;
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};
    private static final ObjectMapper JSON = JsonLimits.objectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChunkMetrics() {
    }

    /** One metric value as stored: its kind and the long that kind encodes (TEXT keeps the text). */
    private record Value(int kind, long bits, String text) {
    }

    static void encode(List<Sample> samples, ChunkBytes.Out out) {
        Map<String, Integer> names = new LinkedHashMap<>();
        // a sample without metrics has the shape null, one with an empty object the empty shape
        Map<List<Integer>, Integer> shapes = new LinkedHashMap<>();
        int[] shapeOf = new int[samples.size()];
        List<List<Value>> columns = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            String json = sample.metricsJson();
            List<Integer> shape = new ArrayList<>();
            for (Map.Entry<String, JsonNode> metric : metrics(json, sample.metricsTree()).entrySet()) {
                int name = names.computeIfAbsent(metric.getKey(), k -> names.size());
                if (name == columns.size()) {
                    columns.add(new ArrayList<>());
                }
                shape.add(name);
                List<Value> column = columns.get(name);
                int previousKind = column.isEmpty() ? -1 : column.get(column.size() - 1).kind();
                column.add(value(metric.getKey(), metric.getValue(), previousKind));
            }
            List<Integer> key = json == null ? null : List.copyOf(shape);
            if (!shapes.containsKey(key)) {
                shapes.put(key, shapes.size());
            }
            shapeOf[i] = shapes.get(key);
        }
        out.unsigned(names.size());
        names.keySet().forEach(out::string);
        out.unsigned(shapes.size());
        for (List<Integer> shape : shapes.keySet()) {
            if (shape == null) {
                out.unsigned(0);
            } else {
                out.unsigned(shape.size() + 1L);
                shape.forEach(out::unsigned);
            }
        }
        out.runs(samples.size(), i -> shapeOf[i]);
        for (List<Value> column : columns) {
            encodeColumn(out, column);
        }
    }

    private static void encodeColumn(ChunkBytes.Out out, List<Value> column) {
        out.runs(column.size(), i -> column.get(i).kind());
        long previous = 0;
        for (int i = 0; i < column.size(); i++) {
            Value v = column.get(i);
            if (i > 0 && column.get(i - 1).kind() != v.kind()) {
                previous = 0;
            }
            switch (v.kind()) {
                case TEXT -> out.string(v.text());
                case DOUBLE -> out.xor(v.bits() ^ previous);
                default -> out.signed(v.bits() - previous);
            }
            previous = v.bits();
        }
    }

    /** The sample's metrics in their JSON key order, from the parsed object when the sample has it; none for a null text. */
    private static Map<String, JsonNode> metrics(String json, ObjectNode tree) {
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        if (json == null) {
            return metrics;
        }
        JsonNode node = tree;
        try {
            node = node != null ? node : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics: not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("metrics: must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            metrics.put(e.getKey(), e.getValue());
        }
        return metrics;
    }

    /**
     * How one metric value is stored: a double as a decimal when some scale (the previous value's
     * first, so that a column keeps one kind) gives it back exactly.
     */
    private static Value value(String name, JsonNode node, int previousKind) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? new Value(INTEGER, node.longValue(), null)
                    : new Value(TEXT, 0, node.bigIntegerValue().toString());
        }
        if (!node.isDouble() || !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("metrics." + name + ": must be a finite number");
        }
        double d = node.doubleValue();
        if (previousKind >= DECIMAL) {
            Value same = decimal(d, previousKind - DECIMAL);
            if (same != null) {
                return same;
            }
        }
        for (int scale = 0; scale <= MAX_SCALE; scale++) {
            Value v = decimal(d, scale);
            if (v != null) {
                return v;
            }
        }
        return new Value(DOUBLE, Double.doubleToLongBits(d), null);
    }

    /** {@code d} as an integer over 10^scale, or null when that is not exactly {@code d}. */
    private static Value decimal(double d, int scale) {
        double scaled = d * POWERS[scale];
        if (!(Math.abs(scaled) < 0x1p53)) {
            return null;
        }
        long unscaled = Math.round(scaled);
        // u / 10^s is correctly rounded for |u| < 2^53 and s <= 22, so equal bits mean an exact round trip
        return Double.doubleToLongBits((double) unscaled / POWERS[scale]) == Double.doubleToLongBits(d)
                ? new Value(DECIMAL + scale, unscaled, null) : null;
    }

    /** The metrics JSON text of each of the n samples (null for a sample without metrics). */
    static String[] decode(ChunkBytes.In in, int n) {
        int nameCount = in.count(Integer.MAX_VALUE);
        String[] names = new String[nameCount];
        for (int k = 0; k < nameCount; k++) {
            names[k] = in.string();
        }
        int shapeCount = in.count(Integer.MAX_VALUE);
        int[][] shapes = new int[shapeCount][];
        for (int k = 0; k < shapeCount; k++) {
            shapes[k] = shape(in, nameCount);
        }
        long[] shapeOf = in.runs(n, shapeCount - 1L);
        int[] valuesPerName = new int[nameCount];
        for (long shape : shapeOf) {
            if (shapes[(int) shape] != null) {
                for (int name : shapes[(int) shape]) {
                    valuesPerName[name]++;
                }
            }
        }
        JsonNode[][] columns = new JsonNode[nameCount][];
        for (int k = 0; k < nameCount; k++) {
            columns[k] = decodeColumn(in, valuesPerName[k]);
        }
        String[] metrics = new String[n];
        int[] next = new int[nameCount];
        for (int i = 0; i < n; i++) {
            int[] shape = shapes[(int) shapeOf[i]];
            if (shape == null) {
                continue;
            }
            ObjectNode node = NODES.objectNode();
            for (int name : shape) {
                node.set(names[name], columns[name][next[name]++]);
            }
            metrics[i] = node.toString();
        }
        return metrics;
    }

    /** The name indexes of one shape, each at most once; null for "no metrics". */
    private static int[] shape(ChunkBytes.In in, int nameCount) {
        int size = (int) in.bounded(nameCount + 1L);
        if (size == 0) {
            return null;
        }
        int[] shape = new int[size - 1];
        boolean[] seen = new boolean[nameCount];
        for (int j = 0; j < shape.length; j++) {
            int name = (int) in.bounded(nameCount - 1L);
            if (seen[name]) {
                throw new IllegalArgumentException("corrupt chunk: a metric twice in one sample");
            }
            seen[name] = true;
            shape[j] = name;
        }
        return shape;
    }

    private static JsonNode[] decodeColumn(ChunkBytes.In in, int count) {
        long[] kinds = in.runs(count, (long) DECIMAL + MAX_SCALE);
        JsonNode[] values = new JsonNode[count];
        long previous = 0;
        for (int i = 0; i < count; i++) {
            int kind = (int) kinds[i];
            if (i > 0 && kinds[i - 1] != kind) {
                previous = 0;
            }
            switch (kind) {
                case TEXT -> values[i] = bigInteger(in.string());
                case DOUBLE -> {
                    previous ^= in.xor();
                    double d = Double.longBitsToDouble(previous);
                    if (!Double.isFinite(d)) {
                        throw new IllegalArgumentException("corrupt chunk: a metric is not a finite number");
                    }
                    values[i] = NODES.numberNode(d);
                }
                case INTEGER -> {
                    previous += in.signed();
                    values[i] = NODES.numberNode(previous);
                }
                default -> {
                    previous += in.signed();
                    values[i] = NODES.numberNode((double) previous / POWERS[kind - DECIMAL]);
                }
            }
        }
        return values;
    }

    private static JsonNode bigInteger(String text) {
        try {
            return NODES.numberNode(new BigInteger(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("corrupt chunk: a big integer metric is not a number");
        }
    }
}
