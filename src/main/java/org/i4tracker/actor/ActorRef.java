package org.i4tracker.actor;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

/** One end of a link: a firm or an institution, by id. Written {@code FIRM:12} in CSV files. */
public record ActorRef(Kind kind, Long id) {

    public enum Kind { FIRM, INSTITUTION }

    public ActorRef {
        Check.notNull(kind, "kind");
        Check.notNull(id, "id");
    }

    static ActorRef parse(String text, String field) {
        String[] parts = text == null ? new String[0] : text.strip().split(":");
        try {
            Check.that(parts.length == 2, field, "must be FIRM:id or INSTITUTION:id");
            return new ActorRef(Kind.valueOf(parts[0].strip().toUpperCase()), Long.parseLong(parts[1].strip()));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "must be FIRM:id or INSTITUTION:id");
        }
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
