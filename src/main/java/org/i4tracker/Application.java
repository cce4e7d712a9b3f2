package org.i4tracker;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The service. Its OpenAPI document asks for the bearer token on every operation; the routes that
 * do without it (login, token refresh, health, metrics) say so in {@code src/main/openapi/}.
 */
@OpenAPIDefinition(info = @Info(title = "i4-tracker", version = "0.1.0",
        description = "Digital-maturity assessments, Industry 4.0 diffusion analytics and programme evaluation "
                + "for industrial districts. Errors are RFC 9457 Problem+JSON. Log in with POST /login and send "
                + "the access token as `Authorization: Bearer <access_token>`."),
        security = @SecurityRequirement(name = Application.BEARER))
@SecurityScheme(name = Application.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The access_token answered by POST /login (or POST /oauth/access_token with a refresh token)")
public class Application {

    static final String BEARER = "bearerAuth";

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
