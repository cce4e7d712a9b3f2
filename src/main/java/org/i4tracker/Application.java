package org.i4tracker;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "i4-tracker", version = "0.1.0",
        description = "Digital-maturity assessments, Industry 4.0 diffusion analytics and programme evaluation "
                + "for industrial districts. Errors are RFC 9457 Problem+JSON."))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
