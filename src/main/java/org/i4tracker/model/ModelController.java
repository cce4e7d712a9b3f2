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
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.util.List;
import java.util.Set;

@Tag(name = "Assessment models")
@Controller("/api/v1/models")
class ModelController {

    private static final Set<String> SORTABLE = Set.of("modelId", "modelVersion", "name", "publishedAt");

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
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
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<ModelSummary> publish(@Body String document, @Header("X-User") @Nullable String user) {
        ModelRegistry.Publication publication = registry.publish(document, user == null || user.isBlank() ? "anonymous" : user.strip());
        return publication.created() ? HttpResponse.created(publication.model()) : HttpResponse.ok(publication.model());
    }
}
