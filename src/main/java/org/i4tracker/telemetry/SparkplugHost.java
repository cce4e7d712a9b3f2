package org.i4tracker.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.i4tracker.common.JsonLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sparkplug B host logic (topic {@code spBv1.0/{group}/{type}/{edgeNode}[/{device}]}, payloads
 * decoded with Eclipse Tahu). The group id is the plant code, the device id the machine code;
 * device metrics {@code state}, {@code goodCount}, {@code rejectCount}, {@code idealCycleTimeMs}
 * make the sample, other numeric metrics go to {@code metrics}.
 * <ul>
 * <li>NBIRTH/DBIRTH carry metric names and aliases; later DATA may use aliases only.</li>
 * <li>{@code seq} runs 0..255 per edge node across all its messages; a gap is logged and answered
 *     with a rebirth request (NCMD {@code Node Control/Rebirth}), the message itself is kept.</li>
 * <li>An unknown alias or DATA before any birth: dead letter and rebirth request.</li>
 * <li>NDEATH marks the node offline and all its devices stale, DDEATH one device.</li>
 * <li>STATE messages of host applications are left alone; NCMD/DCMD are commands, not data.</li>
 * </ul>
 * State lives in {@code sparkplug_node}, written per message. Sparkplug needs each node's
 * messages in order, so across instances exactly one consumes them: leave
 * {@code i4.telemetry.sparkplug-enabled=true} on one instance (or subscribe the Sparkplug filter
 * through a shared subscription of size one); a replacement instance resumes from the stored state.
 */
@Singleton
@Requires(property = "i4.telemetry.sparkplug-enabled", notEquals = "false")
class SparkplugHost {

    static final String NAMESPACE = "spBv1.0";
    static final String REBIRTH = "Node Control/Rebirth";
    private static final Logger LOG = LoggerFactory.getLogger(SparkplugHost.class);
    private static final ObjectMapper JSON = JsonLimits.objectMapper();
    private static final Duration REBIRTH_INTERVAL = Duration.ofSeconds(5);
    private static final String NODE = "";
    /** The longest group, edge node or device id stored ({@code sparkplug_node}'s columns hold 128 characters). */
    static final int MAX_ID_LENGTH = 128;

    private final SparkplugNodeRepository nodes;
    private final BeanProvider<TelemetryRuntime> runtime;
    private final Duration maxClockSkew;
    private final Duration maxSampleAge;
    private final Map<String, Instant> lastRebirthRequest = new ConcurrentHashMap<>();

    SparkplugHost(SparkplugNodeRepository nodes, BeanProvider<TelemetryRuntime> runtime, TelemetrySettings settings) {
        this.nodes = nodes;
        this.runtime = runtime;
        this.maxClockSkew = settings.getMaxClockSkew();
        this.maxSampleAge = settings.getMaxSampleAge();
    }

    /** Mutable view of one node's stored state while a message is applied. */
    private static final class NodeState {
        Long id;
        Long version;
        Long bdSeq;
        Integer lastSeq;
        boolean online;
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        Set<String> staleDevices = new LinkedHashSet<>();
        Map<String, Map<String, Object>> lastValues = new LinkedHashMap<>();
    }

    List<TelemetryDecoder.Reading> decode(String[] levels, byte[] payload, boolean replay) throws RejectedMessage {
        if (levels.length >= 2 && levels[1].equals("STATE")) {
            return List.of();
        }
        if (levels.length < 4 || levels.length > 5) {
            throw new RejectedMessage("topic must be spBv1.0/{group}/{type}/{edgeNode}[/{device}]");
        }
        String group = levels[1];
        String type = levels[2];
        String edge = levels[3];
        String device = levels.length == 5 ? levels[4] : null;
        for (String id : new String[]{group, edge, device}) {
            if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
                throw new RejectedMessage("topic: group, edge node and device ids are 1 to " + MAX_ID_LENGTH + " characters");
            }
        }
        if (type.equals("NCMD") || type.equals("DCMD")) {
            return List.of();
        }
        SparkplugBPayload decoded;
        try {
            decoded = new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
        } catch (Exception e) {
            throw new RejectedMessage("not a Sparkplug B payload: " + e.getClass().getSimpleName());
        }
        NodeState node = load(group, edge);
        switch (type) {
            case "NBIRTH" -> {
                node.lastSeq = seqOf(decoded);
                node.online = true;
                node.staleDevices.clear();
                node.aliases.put(NODE, aliasesOf(decoded));
                node.bdSeq = longMetric(decoded, "bdSeq");
                save(group, edge, node);
                return List.of();
            }
            case "NDEATH" -> {
                Long bdSeq = longMetric(decoded, "bdSeq");
                if (bdSeq != null && node.bdSeq != null && !bdSeq.equals(node.bdSeq)) {
                    return List.of(); // the death of an older session, already superseded by a birth
                }
                node.online = false;
                node.staleDevices.addAll(node.lastValues.keySet());
                save(group, edge, node);
                LOG.info("sparkplug node dead group={} edge={} staleDevices={}", group, edge, node.staleDevices);
                return List.of();
            }
            default -> {
                // DATA, DBIRTH and DDEATH share the node's sequence
            }
        }
        if (node.id == null || !node.online) {
            requestRebirth(group, edge);
            throw new RejectedMessage("no NBIRTH seen for edge node " + group + "/" + edge);
        }
        if (!replay) {
            checkSeq(group, edge, node, seqOf(decoded));
        }
        String scope = device == null ? NODE : device;
        switch (type) {
            case "DBIRTH" -> {
                requireDevice(device, type);
                node.aliases.put(device, aliasesOf(decoded));
                node.staleDevices.remove(device);
                node.lastValues.put(device, new LinkedHashMap<>());
                merge(group, edge, node, device, decoded);
            }
            case "DDEATH" -> {
                requireDevice(device, type);
                node.staleDevices.add(device);
                save(group, edge, node);
                return List.of();
            }
            case "NDATA" -> {
                names(group, edge, node, scope, decoded);
                save(group, edge, node);
                return List.of();
            }
            case "DDATA" -> {
                requireDevice(device, type);
                merge(group, edge, node, device, decoded);
            }
            default -> throw new RejectedMessage("unknown Sparkplug message type " + type);
        }
        save(group, edge, node);
        return List.of(new TelemetryDecoder.Reading(group, device, sample(node.lastValues.get(device), decoded)));
    }

    /** Whether the device's last known state is stale (its node or the device itself died). */
    boolean isStale(String group, String edge, String device) {
        return nodes.findByGroupIdAndEdgeNode(group, edge).map(n -> !n.online() || read(n.staleDevices(),
                new TypeReference<Set<String>>() { }).contains(device)).orElse(true);
    }

    private void checkSeq(String group, String edge, NodeState node, int seq) {
        int expected = node.lastSeq == null ? seq : (node.lastSeq + 1) % 256;
        node.lastSeq = seq;
        if (seq != expected) {
            LOG.warn("sparkplug seq gap group={} edge={} expected={} got={}", group, edge, expected, seq);
            requestRebirth(group, edge);
        }
    }

    private void merge(String group, String edge, NodeState node, String device, SparkplugBPayload payload)
            throws RejectedMessage {
        Map<String, Object> named = names(group, edge, node, device, payload);
        node.lastValues.computeIfAbsent(device, d -> new LinkedHashMap<>()).putAll(named);
    }

    /** Metric values by name, resolving aliases through the births of the node or device. */
    private Map<String, Object> names(String group, String edge, NodeState node, String scope, SparkplugBPayload payload)
            throws RejectedMessage {
        Map<String, String> aliases = node.aliases.getOrDefault(scope, Map.of());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Metric m : payload.getMetrics()) {
            String name = m.getName();
            if (name == null && m.getAlias() != null) {
                name = aliases.get(Long.toString(m.getAlias()));
                if (name == null) {
                    requestRebirth(group, edge);
                    throw new RejectedMessage("unknown metric alias " + m.getAlias() + " for "
                            + (scope.isEmpty() ? "edge node " + edge : "device " + scope));
                }
            }
            if (name != null && m.getValue() != null && !Boolean.TRUE.equals(m.getIsNull())) {
                values.put(name, m.getValue() instanceof Date d ? d.toInstant().toString() : m.getValue());
            }
        }
        return values;
    }

    private Sample sample(Map<String, Object> values, SparkplugBPayload payload) throws RejectedMessage {
        Date stamp = payload.getTimestamp();
        if (stamp == null) {
            throw new RejectedMessage("timestamp: is required");
        }
        Instant ts = stamp.toInstant();
        JsonTelemetryParser.requireInWindow(ts, Instant.now(), maxClockSkew, maxSampleAge, "timestamp");
        Object state = values.get("state");
        if (!(state instanceof String s) || !JsonTelemetryParser.PACKML_STATES.contains(s)) {
            throw new RejectedMessage("state: metric must be a PackML state string such as EXECUTE");
        }
        long good = counter(values, "goodCount", true);
        long reject = counter(values, "rejectCount", true);
        long ideal = counter(values, "idealCycleTimeMs", false);
        Map<String, Double> metrics = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof Number n && !Set.of("goodCount", "rejectCount", "idealCycleTimeMs").contains(name)
                    && Double.isFinite(n.doubleValue())) {
                metrics.put(name, n.doubleValue());
            }
        });
        return new Sample(ts, null, s, good, reject, ideal > 0 ? ideal : null, JsonTelemetryParser.metricsJson(metrics));
    }

    private static long counter(Map<String, Object> values, String name, boolean required) throws RejectedMessage {
        Object value = values.get(name);
        if (value == null && !required) {
            return 0;
        }
        if (!(value instanceof Number n) || value instanceof Float || value instanceof Double) {
            throw new RejectedMessage(name + ": metric must be an integer");
        }
        // an unsigned 64-bit metric arrives as a BigInteger, whose longValue() would wrap
        BigInteger exact = n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
        if (exact.signum() < 0) {
            throw new RejectedMessage(name + ": must not be negative");
        }
        if (exact.compareTo(BigInteger.valueOf(OeeCalculator.MAX_COUNTER)) > 0) {
            throw new RejectedMessage(name + ": must be at most " + OeeCalculator.MAX_COUNTER);
        }
        return n.longValue();
    }

    private void requestRebirth(String group, String edge) {
        String key = group + "/" + edge;
        Instant now = Instant.now();
        Instant last = lastRebirthRequest.get(key);
        if (last != null && last.plus(REBIRTH_INTERVAL).isAfter(now)) {
            return;
        }
        lastRebirthRequest.put(key, now);
        try {
            Metric rebirth = new Metric.MetricBuilder(REBIRTH, MetricDataType.Boolean, true).createMetric();
            SparkplugBPayload command = new SparkplugBPayload.SparkplugBPayloadBuilder()
                    .setTimestamp(new Date()).addMetric(rebirth).createPayload();
            byte[] bytes = new SparkplugBPayloadEncoder().getBytes(command, false);
            String topic = NAMESPACE + "/" + group + "/NCMD/" + edge;
            boolean sent = runtime.find(null).map(r -> r.publish(topic, bytes)).orElse(false);
            LOG.info("sparkplug rebirth requested group={} edge={} sent={}", group, edge, sent);
        } catch (Exception e) {
            LOG.warn("sparkplug rebirth request failed group={} edge={}: {}", group, edge, e.toString());
        }
    }

    private static void requireDevice(String device, String type) throws RejectedMessage {
        if (device == null) {
            throw new RejectedMessage(type + " needs a device id in the topic");
        }
    }

    private static int seqOf(SparkplugBPayload payload) throws RejectedMessage {
        Long seq = payload.getSeq();
        if (seq == null || seq < 0 || seq > 255) {
            throw new RejectedMessage("seq: must be 0..255");
        }
        return seq.intValue();
    }

    private static Map<String, String> aliasesOf(SparkplugBPayload payload) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Metric m : payload.getMetrics()) {
            if (m.getAlias() != null && m.getName() != null) {
                aliases.put(Long.toString(m.getAlias()), m.getName());
            }
        }
        return aliases;
    }

    private static Long longMetric(SparkplugBPayload payload, String name) {
        return payload.getMetrics().stream().filter(m -> name.equals(m.getName()) && m.getValue() instanceof Number)
                .map(m -> ((Number) m.getValue()).longValue()).findFirst().orElse(null);
    }

    private NodeState load(String group, String edge) {
        NodeState state = new NodeState();
        Optional<SparkplugNode> stored = nodes.findByGroupIdAndEdgeNode(group, edge);
        stored.ifPresent(n -> {
            state.id = n.id();
            state.version = n.version();
            state.bdSeq = n.bdSeq();
            state.lastSeq = n.lastSeq();
            state.online = n.online();
            state.aliases = read(n.aliases(), new TypeReference<>() { });
            state.staleDevices = read(n.staleDevices(), new TypeReference<>() { });
            state.lastValues = read(n.lastValues(), new TypeReference<>() { });
        });
        return state;
    }

    private void save(String group, String edge, NodeState s) {
        SparkplugNode row = new SparkplugNode(s.id, group, edge, s.bdSeq, s.lastSeq, s.online, write(s.aliases),
                write(s.staleDevices), write(s.lastValues), Instant.now(), s.version);
        SparkplugNode saved = s.id == null ? nodes.save(row) : nodes.update(row);
        s.id = saved.id();
        s.version = saved.version();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sparkplug_node holds invalid JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
