package org.i4tracker.telemetry;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pilot-plant simulator: N machines that cycle through PackML states (mostly EXECUTE, with idle
 * and held stops), count good and rejected parts, and report over MQTT QoS 1 as JSON
 * ({@code i4/{plant}/{machine}/telemetry}) or as Sparkplug B (one edge node, one device per
 * machine, births with aliases and alias-only DDATA).
 *
 * <pre>
 * java -cp target/classes:$(cat cp.txt) org.i4tracker.telemetry.PlantSimulator \
 *   --broker tcp://127.0.0.1:1883 --plant DEMO --machines 5 --rate 10 --count 0 --format json
 * </pre>
 * {@code --rate} is messages per second over all machines, {@code --count 0} runs until stopped.
 * Register the plant and machines (codes {@code m1..mN}) through the API first.
 */
public final class PlantSimulator {

    private final String plant;
    private final int machines;
    private final Random random;
    private final long[] good;
    private final long[] reject;
    private final String[] state;
    private final long[] seq;

    public PlantSimulator(String plant, int machines, long seed) {
        this(plant, machines, seed, 0);
    }

    /**
     * @param seqBefore the JSON {@code seq} before each machine's first message: samples are exactly-once by {@code seq},
     *                  so a simulator that restarts must continue above what it sent before (e.g. the clock in ms)
     */
    public PlantSimulator(String plant, int machines, long seed, long seqBefore) {
        this.plant = plant;
        this.machines = machines;
        this.random = new Random(seed);
        this.good = new long[machines];
        this.reject = new long[machines];
        this.state = new String[machines];
        this.seq = new long[machines];
        java.util.Arrays.fill(state, "EXECUTE");
        java.util.Arrays.fill(seq, seqBefore);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--broker", "tcp://127.0.0.1:1883", "--plant", "DEMO",
                "--machines", "5", "--rate", "10", "--count", "0", "--format", "json", "--seed", "1"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        PlantSimulator sim = new PlantSimulator(o.get("--plant"), Integer.parseInt(o.get("--machines")), Long.parseLong(o.get("--seed")));
        MqttAsyncClient client = new MqttAsyncClient(o.get("--broker"), "i4-simulator-" + o.get("--plant"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(1000);
        options.setAutomaticReconnect(true);
        client.connect(options).waitForCompletion();
        boolean sparkplug = o.get("--format").equalsIgnoreCase("sparkplug");
        double rate = Double.parseDouble(o.get("--rate"));
        long count = Long.parseLong(o.get("--count"));
        long started = System.nanoTime();
        long sent = 0;
        if (sparkplug) {
            for (var m : sim.sparkplugBirths()) {
                client.publish(m.topic(), m.payload(), 1, false).waitForCompletion();
            }
        }
        while (count == 0 || sent < count) {
            int machine = (int) (sent % sim.machines);
            Message m = sparkplug ? sim.sparkplugData(machine, Instant.now()) : sim.json(machine, Instant.now());
            client.publish(m.topic(), m.payload(), 1, false).waitForCompletion();
            sent++;
            long due = started + (long) (sent * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (sent % 1000 == 0) {
                System.out.printf("sent %d messages%n", sent);
            }
        }
        client.disconnect().waitForCompletion();
        client.close();
        System.out.printf("sent %d messages in %.1f s%n", sent, (System.nanoTime() - started) / 1e9);
    }

    public record Message(String topic, byte[] payload) {
    }

    /** Advances machine {@code k} by one reporting interval: a few cycles and perhaps a state change. */
    private void step(int k) {
        double p = random.nextDouble();
        state[k] = switch (state[k]) {
            case "EXECUTE" -> p < 0.03 ? "IDLE" : p < 0.05 ? "HELD" : "EXECUTE";
            default -> p < 0.3 ? "EXECUTE" : state[k];
        };
        if (state[k].equals("EXECUTE")) {
            int cycles = 1 + random.nextInt(3);
            for (int c = 0; c < cycles; c++) {
                if (random.nextDouble() < 0.02) {
                    reject[k]++;
                } else {
                    good[k]++;
                }
            }
        }
        seq[k]++;
    }

    public Message json(int k, Instant ts) {
        step(k);
        String body = "{\"ts\":\"" + ts + "\",\"seq\":" + seq[k] + ",\"state\":\"" + state[k] + "\",\"goodCount\":" + good[k]
                + ",\"rejectCount\":" + reject[k] + ",\"idealCycleTimeMs\":850,\"metrics\":{\"spindleTempC\":"
                + String.format(java.util.Locale.ROOT, "%.1f", 38 + random.nextDouble() * 6) + "}}";
        return new Message("i4/" + plant + "/m" + (k + 1) + "/telemetry", body.getBytes(StandardCharsets.UTF_8));
    }

    private long nodeSeq = -1;

    private long nextSeq() {
        nodeSeq = (nodeSeq + 1) % 256;
        return nodeSeq;
    }

    List<Message> sparkplugBirths() throws Exception {
        List<Message> births = new ArrayList<>();
        nodeSeq = -1;
        births.add(new Message("spBv1.0/" + plant + "/NBIRTH/edge1", encode(new SparkplugBPayload.SparkplugBPayloadBuilder(nextSeq())
                .setTimestamp(new Date()).addMetric(metric("bdSeq", 0L, MetricDataType.Int64, 0L))
                .addMetric(metric(SparkplugHost.REBIRTH, 1L, MetricDataType.Boolean, false)).createPayload())));
        for (int k = 0; k < machines; k++) {
            births.add(new Message("spBv1.0/" + plant + "/DBIRTH/edge1/m" + (k + 1), encode(devicePayload(k, new Date(), true))));
        }
        return births;
    }

    Message sparkplugData(int k, Instant ts) throws Exception {
        step(k);
        return new Message("spBv1.0/" + plant + "/DDATA/edge1/m" + (k + 1), encode(devicePayload(k, Date.from(ts), false)));
    }

    private SparkplugBPayload devicePayload(int k, Date ts, boolean birth) throws Exception {
        return new SparkplugBPayload.SparkplugBPayloadBuilder(nextSeq()).setTimestamp(ts)
                .addMetric(metric(birth ? "state" : null, 1L, MetricDataType.String, state[k]))
                .addMetric(metric(birth ? "goodCount" : null, 2L, MetricDataType.Int64, good[k]))
                .addMetric(metric(birth ? "rejectCount" : null, 3L, MetricDataType.Int64, reject[k]))
                .addMetric(metric(birth ? "idealCycleTimeMs" : null, 4L, MetricDataType.Int64, 850L))
                .addMetric(metric(birth ? "spindleTempC" : null, 5L, MetricDataType.Double, 38 + random.nextDouble() * 6))
                .createPayload();
    }

    private static Metric metric(String name, long alias, MetricDataType type, Object value) throws Exception {
        Metric.MetricBuilder b = new Metric.MetricBuilder(alias, type, value);
        if (name != null) {
            b.name(name);
        }
        return b.createMetric();
    }

    static byte[] encode(SparkplugBPayload payload) throws Exception {
        return new SparkplugBPayloadEncoder().getBytes(payload, false);
    }
}
