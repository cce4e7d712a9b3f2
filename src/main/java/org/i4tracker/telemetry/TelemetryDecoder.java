package org.i4tracker.telemetry;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Turns one inbound message into a sample of a registered machine, or into a dead letter with the
 * reason. Used by the live pipeline and by dead-letter replay, so both apply the same rules.
 */
@Singleton
class TelemetryDecoder {

    /** A reading of a machine identified by the topic (or Sparkplug group/device). */
    record Reading(String plantCode, String machineCode, Sample sample) {
    }

    private final MachineDirectory directory;
    private final TelemetrySettings settings;
    private final JsonTelemetryParser json;
    private final Optional<SparkplugHost> sparkplug;

    TelemetryDecoder(MachineDirectory directory, TelemetrySettings settings, Optional<SparkplugHost> sparkplug) {
        this.directory = directory;
        this.settings = settings;
        this.json = new JsonTelemetryParser(Clock.systemUTC(), settings.getMaxClockSkew(), settings.getMaxSampleAge());
        this.sparkplug = sparkplug;
    }

    /**
     * Adds what the message yields to {@code samples} or {@code deadLetters}; Sparkplug control
     * messages (births, deaths, host state) yield nothing.
     *
     * @param replay true when a stored dead letter is tried again: Sparkplug sequence checks are skipped
     */
    void decode(InboundMessage m, boolean replay, List<TelemetryStore.SampleRow> samples,
                List<TelemetryStore.DeadLetterRow> deadLetters) {
        try {
            if (m.payload().length > settings.getMaxPayloadBytes()) {
                throw new RejectedMessage("payload of " + m.payload().length + " bytes exceeds the limit of "
                        + settings.getMaxPayloadBytes() + " bytes");
            }
            for (Reading reading : readings(m, replay)) {
                MachineDirectory.MachineRef machine = directory.find(reading.plantCode(), reading.machineCode())
                        .orElseThrow(() -> new RejectedMessage("plant " + reading.plantCode() + " has no registered machine "
                                + reading.machineCode()));
                samples.add(new TelemetryStore.SampleRow(machine, reading.sample(), m.receivedAt()));
            }
        } catch (RejectedMessage e) {
            deadLetters.add(deadLetter(m, e.getMessage()));
        }
    }

    TelemetryStore.DeadLetterRow deadLetter(InboundMessage m, String reason) {
        byte[] payload = m.payload();
        int keep = Math.min(payload.length, settings.getDeadLetterPayloadBytes());
        byte[] kept = keep == payload.length ? payload : java.util.Arrays.copyOf(payload, keep);
        // the columns hold 512 and 500 characters: a longer topic or reason must not keep the letter from being stored
        String topic = m.topic().length() > 512 ? m.topic().substring(0, 511) + "…" : m.topic();
        String why = reason == null ? "refused" : reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
        return new TelemetryStore.DeadLetterRow(topic, why, kept, payload.length, m.receivedAt());
    }

    private List<Reading> readings(InboundMessage m, boolean replay) throws RejectedMessage {
        String[] levels = m.topic().split("/", -1);
        if (levels.length > 0 && levels[0].equals(SparkplugHost.NAMESPACE)) {
            if (sparkplug.isEmpty()) {
                throw new RejectedMessage("Sparkplug B is not enabled on this instance");
            }
            // a group is a plant's code: an unregistered one gets no node state stored (only the host's STATE passes)
            if (levels.length >= 4 && !levels[1].equals("STATE") && !levels[1].isEmpty() && levels[1].length() <= SparkplugHost.MAX_ID_LENGTH
                    && !directory.plantRegistered(levels[1])) {
                throw new RejectedMessage("group " + levels[1] + " is no registered plant");
            }
            return sparkplug.get().decode(levels, m.payload(), replay);
        }
        if (levels.length != 4 || !levels[0].equals("i4") || !levels[3].equals("telemetry")
                || levels[1].isEmpty() || levels[2].isEmpty()) {
            throw new RejectedMessage("topic must be i4/{plantCode}/{machineCode}/telemetry");
        }
        return List.of(new Reading(levels[1], levels[2], json.parse(m.payload())));
    }
}
