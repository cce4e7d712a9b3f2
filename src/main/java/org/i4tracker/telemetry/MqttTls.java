package org.i4tracker.telemetry;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * TLS to an external broker ({@code ssl://host:8883}). Without {@code i4.mqtt.trust-store} Paho uses the
 * JVM's default trust store (the public CAs, or {@code -Djavax.net.ssl.trustStore=…}); with it, the
 * broker's certificate must chain to a certificate of that store (PKCS12 by default,
 * {@code i4.mqtt.trust-store-type}), which is how a plant broker with a private CA is trusted. Paho checks
 * the host name against the certificate in both cases.
 */
final class MqttTls {

    private MqttTls() {
    }

    /**
     * The socket factory for the configured trust store, or null to leave Paho's default: always for a
     * {@code tcp://} URL, where Paho refuses a TLS socket factory.
     */
    static SSLSocketFactory socketFactory(String url, MqttSettings settings) {
        String store = settings.getTrustStore();
        if (store == null || store.isBlank() || !url.startsWith("ssl://")) {
            return null;
        }
        char[] password = settings.getTrustStorePassword() == null ? null : settings.getTrustStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(store))) {
            KeyStore trusted = KeyStore.getInstance(settings.getTrustStoreType());
            trusted.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("i4.mqtt.trust-store " + store + " (" + settings.getTrustStoreType() + ") cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
