package org.i4tracker.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;

/** The service's front door: people who open the bare host land on the dashboards' login page. */
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
class DashboardController {

    static final URI HOME = URI.create("/dashboards/index.html");

    @Get
    HttpResponse<Void> root() {
        return HttpResponse.seeOther(HOME);
    }

    @Get("/dashboards")
    HttpResponse<Void> folder() {
        return HttpResponse.seeOther(HOME);
    }
}
