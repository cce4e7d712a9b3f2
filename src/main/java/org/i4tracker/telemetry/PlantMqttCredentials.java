package org.i4tracker.telemetry;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Per-plant MQTT credentials and topic restrictions for the embedded broker
 * ({@code i4.mqtt.embedded.plant-auth=true}). A plant connects with its plant code as username and
 * password HMAC-SHA256({@code i4.mqtt.embedded.plant-secret}, code) — derived, never stored, the
 * same on every instance sharing the secret, rotated by changing the secret. A plant may publish only
 * under {@code i4/{code}/…} and {@code spBv1.0/{code}/…} and read only the Sparkplug commands addressed
 * to it and host STATE; the service's own ingest client ({@value #SERVICE_USER}) may do everything.
 * Anonymous clients are refused.
 */
@Singleton
class PlantMqttCredentials implements IAuthenticator, IAuthorizatorPolicy {

    static final String SERVICE_USER = "i4-ingest";
    private static final Logger LOG = LoggerFactory.getLogger(PlantMqttCredentials.class);

    private final PlantRepository plants;
    private final byte[] secret;
    private final boolean enabled;

    PlantMqttCredentials(PlantRepository plants,
                         @Value("${i4.mqtt.embedded.plant-auth:false}") boolean enabled,
                         @Nullable @Value("${i4.mqtt.embedded.plant-secret:}") String configuredSecret) {
        this.plants = plants;
        this.enabled = enabled;
        if (configuredSecret == null || configuredSecret.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.secret = random;
            if (enabled) {
                LOG.warn("i4.mqtt.embedded.plant-secret is not set: plant MQTT passwords change at every restart");
            }
        } else {
            this.secret = configuredSecret.getBytes(StandardCharsets.UTF_8);
        }
    }

    boolean enabled() {
        return enabled;
    }

    String passwordFor(String plantCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("plant:" + plantCode).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String servicePassword() {
        return passwordFor("\u0000" + SERVICE_USER);
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return false;
        }
        String expected = username.equals(SERVICE_USER) ? servicePassword()
                : plants.existsByCode(username) ? passwordFor(username) : null;
        boolean valid = expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password);
        if (!valid) {
            LOG.info("embedded MQTT broker refused client={} username={}", clientId, username);
        }
        return valid;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        if (SERVICE_USER.equals(user)) {
            return true;
        }
        String t = topic.toString();
        boolean allowed = user != null && (t.startsWith("i4/" + user + "/") || t.startsWith("spBv1.0/" + user + "/"));
        if (!allowed) {
            LOG.info("embedded MQTT broker refused publish username={} topic={}", user, t);
        }
        return allowed;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        if (SERVICE_USER.equals(user)) {
            return true;
        }
        String t = topic.toString();
        return user != null && (t.startsWith("spBv1.0/" + user + "/NCMD/") || t.startsWith("spBv1.0/" + user + "/DCMD/")
                || t.startsWith("spBv1.0/STATE/"));
    }
}
