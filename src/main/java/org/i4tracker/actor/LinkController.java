package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.time.LocalDate;
import java.util.Set;

@Tag(name = "Registry")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/links")
class LinkController {

    private static final Set<String> SORTABLE = Set.of("id", "since", "type");

    record LinkRequest(ActorRef from, ActorRef to, Link.Type type, @Nullable Link.KnowledgeKind knowledgeKind,
                       LocalDate since, @Nullable LocalDate until, @Nullable Long version) {
        Link toLink(Long id) {
            return new Link(id, from, to, type, knowledgeKind, since, until, version);
        }
    }

    private final LinkService service;
    private final ActorLinkRepository links;

    LinkController(LinkService service, ActorLinkRepository links) {
        this.service = service;
        this.links = links;
    }

    /** All links, or those of one firm or one institution (give at most one of the two). */
    @Get
    PageResponse<Link> list(@QueryValue @Nullable Long firm, @QueryValue @Nullable Long institution,
                            @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                            @QueryValue @Nullable String sort) {
        Check.that(firm == null || institution == null, "institution", "filter by firm or by institution, not both");
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "id");
        var result = firm != null ? links.findByFirm(firm, pageable)
                : institution != null ? links.findByInstitution(institution, pageable)
                : links.findAll(pageable);
        return PageResponse.of(result, ActorLink::toLink);
    }

    @Get("/{id}")
    Link get(long id) {
        return service.require(id);
    }

    @Post
    @Status(HttpStatus.CREATED)
    Link create(@Body LinkRequest request) {
        return service.create(request.toLink(null));
    }

    @Put("/{id}")
    Link update(long id, @Body LinkRequest request) {
        return service.update(id, request.toLink(id));
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        service.delete(id);
        return HttpResponse.noContent();
    }
}
