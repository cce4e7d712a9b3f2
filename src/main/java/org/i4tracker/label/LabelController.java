package org.i4tracker.label;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The label catalogue: reference names only (no firm-level data), so every signed-in role may read it. */
@Tag(name = "Registry")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/labels")
class LabelController {

    private final Labels labels;

    LabelController(Labels labels) {
        this.labels = labels;
    }

    @Operation(summary = "Names for codes: technologies, bands, NACE codes, programme services, size classes, statuses, confidence")
    @Get
    Labels.LabelCatalogue catalogue() {
        return labels.catalogue();
    }
}
