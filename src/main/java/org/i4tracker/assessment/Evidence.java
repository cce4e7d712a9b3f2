package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.i4tracker.common.Check;

import java.time.Instant;

/** Evidence behind an answer (the assessment and the answered item): a link (URL), a note, or a reference to a stored file. */
@MappedEntity(value = "assessment_evidence", escape = false)
record Evidence(@Id @GeneratedValue @Nullable Long id,
                Long assessmentId,
                String itemCode,
                Kind kind,
                @Nullable String ref,
                @Nullable String note,
                String addedBy,
                Instant addedAt) {

    enum Kind { LINK, NOTE, FILE }

    Evidence {
        Check.notNull(kind, "kind");
        ref = Check.optionalText(ref, "ref", 2000);
        note = Check.optionalText(note, "note", 4000);
        Check.that(kind == Kind.NOTE ? note != null : ref != null, kind == Kind.NOTE ? "note" : "ref",
                kind == Kind.NOTE ? "is required for a NOTE" : "is required for a " + kind);
        Check.that(kind != Kind.LINK || ref.matches("(?i)https?://\\S+"), "ref", "must be an http(s) URL for a LINK");
    }

    Evidence copyTo(long otherAssessment) {
        return new Evidence(null, otherAssessment, itemCode, kind, ref, note, addedBy, addedAt);
    }
}
