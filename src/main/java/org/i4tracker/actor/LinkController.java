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
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

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
    private final FirmAccess access;

    LinkController(LinkService service, ActorLinkRepository links, FirmAccess access) {
        this.service = service;
        this.links = links;
        this.access = access;
    }

    /**
     * All links, or those of one firm or one institution (give at most one of the two) — of the links
     * the caller may see: those whose every firm end is in the caller's scope.
     */
    @Get
    PageResponse<Link> list(@QueryValue @Nullable Long firm, @QueryValue @Nullable Long institution,
                            @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                            @QueryValue @Nullable String sort) {
        Check.that(firm == null || institution == null, "institution", "filter by firm or by institution, not both");
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "id");
        if (firm != null) {
            access.require(firm);
        }
        Optional<Set<Long>> visible = access.visibleFirms();
        if (visible.isEmpty()) {
            var result = firm != null ? links.findByFirm(firm, pageable)
                    : institution != null ? links.findByInstitution(institution, pageable)
                    : links.findAll(pageable);
            return PageResponse.of(result, ActorLink::toLink);
        }
        // An institute serves hundreds of firms at most: its links are filtered and paged in memory.
        List<Long> scope = visible.get().isEmpty() ? List.of(-1L) : List.copyOf(visible.get());
        var order = pageable.getSort().getOrderBy().get(0);
        Comparator<Link> comparator = switch (order.getProperty()) {
            case "since" -> Comparator.comparing(Link::since);
            case "type" -> Comparator.comparing(Link::type);
            default -> Comparator.comparing(Link::id);
        };
        comparator = (order.isAscending() ? comparator : comparator.reversed()).thenComparing(Link::id);
        List<Link> matching = links.findWithinFirms(scope).stream().map(ActorLink::toLink)
                .filter(l -> firm == null || touches(l, ActorRef.Kind.FIRM, firm))
                .filter(l -> institution == null || touches(l, ActorRef.Kind.INSTITUTION, institution))
                .sorted(comparator).toList();
        int from = (int) Math.min(matching.size(), pageable.getOffset());
        int to = Math.min(matching.size(), from + pageable.getSize());
        return PageResponse.of(matching.subList(from, to), pageable.getNumber(), pageable.getSize(), matching.size());
    }

    @Get("/{id}")
    Link get(long id) {
        return visible(id);
    }

    @Post
    @Status(HttpStatus.CREATED)
    Link create(@Body LinkRequest request) {
        Link link = request.toLink(null);
        requireWrite(link);
        return service.create(link);
    }

    @Put("/{id}")
    Link update(long id, @Body LinkRequest request) {
        requireWrite(visible(id));
        Link link = request.toLink(id);
        requireWrite(link);
        return service.update(id, link);
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        requireWrite(visible(id));
        service.delete(id);
        return HttpResponse.noContent();
    }

    /** The link, or 404 as for a missing one when one of its firms is outside the caller's scope. */
    private Link visible(long id) {
        Link link = service.require(id);
        LongPredicate canSee = access.visibility();
        for (ActorRef end : List.of(link.from(), link.to())) {
            if (end.kind() == ActorRef.Kind.FIRM && !canSee.test(end.id())) {
                throw DomainException.notFound("link", id);
            }
        }
        return link;
    }

    private void requireWrite(Link link) {
        for (ActorRef end : List.of(link.from(), link.to())) {
            if (end != null && end.kind() == ActorRef.Kind.FIRM && end.id() != null) {
                access.requireWrite(end.id());
            }
        }
    }

    private static boolean touches(Link link, ActorRef.Kind kind, long id) {
        return link.from().kind() == kind && link.from().id() == id || link.to().kind() == kind && link.to().id() == id;
    }
}
