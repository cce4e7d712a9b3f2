package org.i4tracker.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Broker connection ({@code i4.mqtt.*}). Telemetry runs only when {@code i4.mqtt.enabled=true}.
 * Without a {@code broker-url} the embedded broker is started (if {@code i4.mqtt.embedded.enabled}).
 */
@ConfigurationProperties("i4.mqtt")
public class MqttSettings {

    private boolean enabled = false;
    /** e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker:8883}; empty = embedded broker. */
    @Nullable
    private String brokerUrl;
    @Nullable
    private String username;
    @Nullable
    private String password;
    /** Fixed per instance: the broker keeps the persistent session (and queued messages) under it. */
    private String clientId = "i4-tracker-ingest";
    /** 5 (default) or 3; the embedded Moquette broker speaks only 3.1.1, so it forces 3. */
    private int protocolVersion = 5;
    /**
     * Topic filters of JSON telemetry. For several instances use a shared subscription, e.g.
     * {@code $share/i4/i4/+/+/telemetry}.
     */
    private List<String> topics = List.of("i4/+/+/telemetry");
    private List<String> sparkplugTopics = List.of("spBv1.0/#");
    /** MQTT 5 Receive Maximum: QoS 1 messages the broker may send before our acknowledgements. */
    private int receiveMaximum = 1000;
    /** MQTT 5 session expiry; the broker keeps the session and its messages this long offline. */
    private long sessionExpirySeconds = 7 * 24 * 3600L;
    private int keepAliveSeconds = 30;
    private int connectionTimeoutSeconds = 10;
    /** Certificates that a {@code ssl://} broker's certificate must chain to; empty = the JVM's default trust store. */
    @Nullable
    private String trustStore;
    @Nullable
    private String trustStorePassword;
    private String trustStoreType = "PKCS12";
    private Embedded embedded = new Embedded();

    @ConfigurationProperties("embedded")
    public static class Embedded {
        private boolean enabled = true;
        private String host = "127.0.0.1";
        private int port = 1883;
        /** Where the embedded broker persists sessions and queued messages; default {@code ${i4.data-dir}/mqtt}. */
        @Nullable
        private String dataPath;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        @Nullable public String getDataPath() { return dataPath; }
        public void setDataPath(@Nullable String dataPath) { this.dataPath = dataPath; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    @Nullable public String getBrokerUrl() { return brokerUrl; }
    public void setBrokerUrl(@Nullable String brokerUrl) { this.brokerUrl = brokerUrl; }
    @Nullable public String getUsername() { return username; }
    public void setUsername(@Nullable String username) { this.username = username; }
    @Nullable public String getPassword() { return password; }
    public void setPassword(@Nullable String password) { this.password = password; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public int getProtocolVersion() { return protocolVersion; }
    public void setProtocolVersion(int protocolVersion) { this.protocolVersion = protocolVersion; }
    public List<String> getTopics() { return topics; }
    public void setTopics(List<String> topics) { this.topics = topics; }
    public List<String> getSparkplugTopics() { return sparkplugTopics; }
    public void setSparkplugTopics(List<String> sparkplugTopics) { this.sparkplugTopics = sparkplugTopics; }
    public int getReceiveMaximum() { return receiveMaximum; }
    public void setReceiveMaximum(int receiveMaximum) { this.receiveMaximum = receiveMaximum; }
    public long getSessionExpirySeconds() { return sessionExpirySeconds; }
    public void setSessionExpirySeconds(long sessionExpirySeconds) { this.sessionExpirySeconds = sessionExpirySeconds; }
    public int getKeepAliveSeconds() { return keepAliveSeconds; }
    public void setKeepAliveSeconds(int keepAliveSeconds) { this.keepAliveSeconds = keepAliveSeconds; }
    public int getConnectionTimeoutSeconds() { return connectionTimeoutSeconds; }
    public void setConnectionTimeoutSeconds(int connectionTimeoutSeconds) { this.connectionTimeoutSeconds = connectionTimeoutSeconds; }
    @Nullable public String getTrustStore() { return trustStore; }
    public void setTrustStore(@Nullable String trustStore) { this.trustStore = trustStore; }
    @Nullable public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(@Nullable String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
    public String getTrustStoreType() { return trustStoreType; }
    public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; }
    public Embedded getEmbedded() { return embedded; }
    public void setEmbedded(Embedded embedded) { this.embedded = embedded; }
}
