package org.i4tracker.assessment;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.i4tracker.common.Check;
import org.i4tracker.model.Confidence;

import java.time.LocalDate;
import java.util.List;

/** What clients send to the assessments API. Each record checks itself and names the field at fault. */
public final class AssessmentRequests {

    private AssessmentRequests() {
    }

    @Introspected
    public record Create(Long firmId, String modelId, String modelVersion, String wave, LocalDate date) {
        public Create {
            Check.notNull(firmId, "firmId");
            modelId = Check.notBlank(modelId, "modelId", 64);
            modelVersion = Check.notBlank(modelVersion, "modelVersion", 64);
            Check.notNull(date, "date");
            Wave.of(wave, "wave");
        }
    }

    /** Answers to save; items not listed keep their stored answer. {@code value} is a JSON number, boolean or option code. */
    @Introspected
    public record Answers(Long version, List<AnswerInput> answers) {
        public Answers {
            Check.notNull(version, "version");
            Check.minSize(answers, 1, "answers");
        }
    }

    @Introspected
    public record AnswerInput(String item, @Nullable Object value, @Nullable Boolean notApplicable,
                              @Nullable Confidence confidence, @Nullable String remark) {
        boolean isNotApplicable() {
            return Boolean.TRUE.equals(notApplicable);
        }
    }

    @Introspected
    record EvidenceInput(Evidence.Kind kind, @Nullable String ref, @Nullable String note) {
    }

    /** The version the client last read, for optimistic locking. */
    @Introspected
    public record Transition(Long version) {
        public Transition {
            Check.notNull(version, "version");
        }
    }

    /** A draft's new assessment date, on the version the client last read. */
    @Introspected
    record Redate(Long version, LocalDate date) {
        Redate {
            Check.notNull(version, "version");
            Check.notNull(date, "date");
        }
    }

    @Introspected
    record Revision(String reason) {
        Revision {
            reason = Check.notBlank(reason, "reason", 2000);
        }
    }

    @Introspected
    record Clone(String wave, LocalDate date) {
        Clone {
            Wave.of(wave, "wave");
            Check.notNull(date, "date");
        }
    }
}
