package org.i4tracker.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Ingest and KPI settings ({@code i4.telemetry.*}); the defaults here apply when application.yml
 * says nothing.
 */
@ConfigurationProperties("i4.telemetry")
public class TelemetrySettings {

    /** Messages held between the MQTT callback and the writer; a full queue blocks the callback. */
    static final Duration DEFAULT_MAX_SAMPLE_AGE = Duration.ofDays(30);

    private int queueCapacity = 20_000;
    /** The writer commits after this many messages ... */
    private int batchSize = 500;
    /** ... or this long after the first message of a batch, whichever comes first. */
    private Duration batchMaxWait = Duration.ofMillis(20);
    /** Larger payloads go to dead letters without being parsed. */
    private int maxPayloadBytes = 64 * 1024;
    /** Dead letters keep at most this many bytes of the raw payload. */
    private int deadLetterPayloadBytes = 4096;
    /** A message stamped further in the future than this is refused (clock error on the device). */
    private Duration maxClockSkew = Duration.ofMinutes(5);
    /**
     * A message stamped further in the past than this is refused (a device clock that was never set, say 1970): it
     * would fall to the raw retention at once, and the rollup would span every minute since. Keep it at most
     * {@code i4.telemetry.retention.raw}.
     */
    private Duration maxSampleAge = DEFAULT_MAX_SAMPLE_AGE;
    /** How long the topic-to-machine cache trusts an answer. */
    private Duration directoryTtl = Duration.ofSeconds(30);
    /** Whether Sparkplug B topics are consumed by this instance (one instance per group: docs/telemetry.md). */
    private boolean sparkplugEnabled = true;
    /** Start of the first shift of the day (shifts last 8 h) in {@link #kpiZone}. */
    private String shiftStart = "06:00";
    private String kpiZone = "UTC";
    /** Stats and health warn when the queue holds more than this share of its capacity. */
    private double behindWarningRatio = 0.8;

    public int getQueueCapacity() { return queueCapacity; }
    public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public Duration getBatchMaxWait() { return batchMaxWait; }
    public void setBatchMaxWait(Duration batchMaxWait) { this.batchMaxWait = batchMaxWait; }
    public int getMaxPayloadBytes() { return maxPayloadBytes; }
    public void setMaxPayloadBytes(int maxPayloadBytes) { this.maxPayloadBytes = maxPayloadBytes; }
    public int getDeadLetterPayloadBytes() { return deadLetterPayloadBytes; }
    public void setDeadLetterPayloadBytes(int deadLetterPayloadBytes) { this.deadLetterPayloadBytes = deadLetterPayloadBytes; }
    public Duration getMaxClockSkew() { return maxClockSkew; }
    public void setMaxClockSkew(Duration maxClockSkew) { this.maxClockSkew = maxClockSkew; }
    public Duration getMaxSampleAge() { return maxSampleAge; }
    public void setMaxSampleAge(Duration maxSampleAge) { this.maxSampleAge = maxSampleAge; }
    public Duration getDirectoryTtl() { return directoryTtl; }
    public void setDirectoryTtl(Duration directoryTtl) { this.directoryTtl = directoryTtl; }
    public boolean isSparkplugEnabled() { return sparkplugEnabled; }
    public void setSparkplugEnabled(boolean sparkplugEnabled) { this.sparkplugEnabled = sparkplugEnabled; }
    public String getShiftStart() { return shiftStart; }
    public void setShiftStart(String shiftStart) { this.shiftStart = shiftStart; }
    public String getKpiZone() { return kpiZone; }
    public void setKpiZone(String kpiZone) { this.kpiZone = kpiZone; }
    public double getBehindWarningRatio() { return behindWarningRatio; }
    public void setBehindWarningRatio(double behindWarningRatio) { this.behindWarningRatio = behindWarningRatio; }
}
