package org.i4tracker.actor;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.i4tracker.common.Check;

import java.time.LocalDate;

/**
 * A relation between two actors with a start date (DESIGN.md §2): buy–sell, joint project,
 * knowledge flow or membership. A knowledge flow says whether it carries knowledge for using
 * existing technology or for changing it (Bell &amp; Albu, seed 004); other types carry no kind.
 */
@Introspected
public record Link(@Nullable Long id, ActorRef from, ActorRef to, Type type, @Nullable KnowledgeKind knowledgeKind,
                   LocalDate since, @Nullable LocalDate until, @Nullable Long version) {

    public enum Type { BUY_SELL, JOINT_PROJECT, KNOWLEDGE_FLOW, MEMBERSHIP }

    public enum KnowledgeKind { USING, CHANGING }

    public Link {
        Check.notNull(from, "from");
        Check.notNull(to, "to");
        Check.that(!from.equals(to), "to", "a link must join two different actors");
        Check.notNull(type, "type");
        Check.that((type == Type.KNOWLEDGE_FLOW) == (knowledgeKind != null), "knowledgeKind",
                "is required for KNOWLEDGE_FLOW links and not allowed for other types");
        Check.notNull(since, "since");
        Check.that(until == null || !until.isBefore(since), "until", "must not be before since");
    }

    /** Whether the link exists on the given day. */
    public boolean activeOn(LocalDate day) {
        return !since.isAfter(day) && (until == null || !until.isBefore(day));
    }
}
