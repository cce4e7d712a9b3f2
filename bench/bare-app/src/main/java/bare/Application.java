package bare;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.Micronaut;

/** The smallest Micronaut service: Netty, the management endpoints ({@code /health}) and one controller. */
@Controller("/hello")
public class Application {

    @Get
    public String hello() {
        return "hello";
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
