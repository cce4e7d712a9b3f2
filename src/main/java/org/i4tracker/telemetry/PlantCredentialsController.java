package org.i4tracker.telemetry;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.Role;
import org.i4tracker.common.DomainException;

/** Hands a pilot plant's MQTT login for the embedded broker to the people who run the plant. */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/plants/{id}/mqtt-credentials")
class PlantCredentialsController {

    record MqttLogin(String username, String password, String publishUnder, String sparkplugGroup) {
    }

    private final PlantMqttCredentials credentials;
    private final PlantScope scope;

    PlantCredentialsController(PlantMqttCredentials credentials, PlantScope scope) {
        this.credentials = credentials;
        this.scope = scope;
    }

    @Operation(summary = "The plant's login on the embedded broker (409 when i4.mqtt.embedded.plant-auth is off)")
    @Get
    MqttLogin get(long id) {
        Plant plant = scope.write(id);
        if (!credentials.enabled()) {
            throw DomainException.conflict(null, "per-plant MQTT logins are off: set i4.mqtt.embedded.plant-auth=true");
        }
        return new MqttLogin(plant.code(), credentials.passwordFor(plant.code()), "i4/" + plant.code() + "/#",
                plant.code());
    }
}
