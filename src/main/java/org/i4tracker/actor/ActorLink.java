package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Version;

import java.time.LocalDate;

/** Stored form of a {@link Link}: each end is a firm or an institution column, never both. */
@MappedEntity("actor_link")
record ActorLink(@Id @GeneratedValue @Nullable Long id,
                 @Nullable Long fromFirmId,
                 @Nullable Long fromInstitutionId,
                 @Nullable Long toFirmId,
                 @Nullable Long toInstitutionId,
                 @MappedProperty("link_type") Link.Type type,
                 @Nullable Link.KnowledgeKind knowledgeKind,
                 LocalDate since,
                 @Nullable LocalDate until,
                 @Version @Nullable Long version) {

    static ActorLink of(Link link) {
        return new ActorLink(link.id(),
                link.from().kind() == ActorRef.Kind.FIRM ? link.from().id() : null,
                link.from().kind() == ActorRef.Kind.INSTITUTION ? link.from().id() : null,
                link.to().kind() == ActorRef.Kind.FIRM ? link.to().id() : null,
                link.to().kind() == ActorRef.Kind.INSTITUTION ? link.to().id() : null,
                link.type(), link.knowledgeKind(), link.since(), link.until(), link.version());
    }

    Link toLink() {
        ActorRef from = fromFirmId != null ? new ActorRef(ActorRef.Kind.FIRM, fromFirmId) : new ActorRef(ActorRef.Kind.INSTITUTION, fromInstitutionId);
        ActorRef to = toFirmId != null ? new ActorRef(ActorRef.Kind.FIRM, toFirmId) : new ActorRef(ActorRef.Kind.INSTITUTION, toInstitutionId);
        return new Link(id, from, to, type, knowledgeKind, since, until, version);
    }
}
