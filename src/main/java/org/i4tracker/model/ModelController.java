package org.i4tracker.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.Role;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.util.List;
import java.util.Set;

@Tag(name = "Assessment models")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/models")
class ModelController {

    private static final Set<String> SORTABLE = Set.of("modelId", "modelVersion", "name", "publishedAt");

    private final ModelRegistry registry;
    private final org.i4tracker.access.CurrentUser current;


    ModelController(ModelRegistry registry, org.i4tracker.access.CurrentUser current) {
        this.current = current;
        this.registry = registry;
    }

    @Get
    PageResponse<ModelSummary> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                    @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "modelId");
        return PageResponse.of(registry.list(pageable), m -> m);
    }

    @Get("/{id}/versions")
    List<ModelSummary> versions(String id) {
        return registry.versions(id);
    }

    @Operation(summary = "The model document of one version, exactly as published")
    @Get("/{id}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    String document(String id, String version) {
        return registry.document(id, version);
    }

    @Operation(summary = "Publish a model version",
            description = "Body: a model document valid against assessment-models/model.schema.json. 201 when the version is new, "
                    + "200 when it existed and was unchanged or not yet used; 400 naming the JSON path when invalid; "
                    + "409 when the version is used by assessments and the content differs (publish a new version).")
    @Secured(Role.ADMIN_ROLE)
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<ModelSummary> publish(@Body String document) {
        ModelRegistry.Publication publication = registry.publish(document, current.username().orElse("anonymous"));
        return publication.created() ? HttpResponse.created(publication.model()) : HttpResponse.ok(publication.model());
    }
}
