package org.i4tracker.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

/**
 * A pilot plant of a firm, run together with an RTI, whose machines report telemetry. The code is
 * the {@code plantCode} segment of the MQTT topic (and the Sparkplug group id), so it is restricted
 * to characters that are safe in a topic level.
 */
@MappedEntity("plant")
public record Plant(@Id @GeneratedValue @Nullable Long id,
                    String code,
                    String name,
                    Long firmId,
                    @Nullable Long rtiId,
                    @Version @Nullable Long version) {

    public Plant {
        code = topicLevel(code, "code");
        name = Check.notBlank(name, "name", 200);
        Check.notNull(firmId, "firmId");
    }

    /** A topic level: no MQTT wildcards or separators, so that it matches exactly one level. */
    static String topicLevel(String value, String field) {
        String code = Check.notBlank(value, field, 64);
        Check.that(code.matches("[A-Za-z0-9_.:-]+"), field, "may contain only letters, digits and _ . : -");
        return code;
    }
}
