package org.i4tracker.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import org.i4tracker.web.PageResponse;

import java.time.Instant;

/** Writes and reads the audit trail of assessments: who changed what, when, with before/after JSON. */
@Singleton
class AssessmentAudit {

    @Introspected
    record Entry(Long id, String actor, String action, Instant changedAt, JsonNode before, JsonNode after) {
    }

    private final AuditRepository repository;
    private final ObjectMapper json;

    AssessmentAudit(AuditRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    void record(long assessmentId, String actor, String action, Object before, Object after) {
        repository.save(new AuditEntry(null, assessmentId, actor, action, Instant.now(), json(before), json(after)));
    }

    PageResponse<Entry> page(long assessmentId, Pageable pageable) {
        return PageResponse.of(repository.findByAssessmentId(assessmentId, pageable),
                e -> new Entry(e.id(), e.actor(), e.action(), e.changedAt(), read(e.beforeJson()), read(e.afterJson())));
    }

    /** The JSON stored in the audit trail for a before or after state (null stays null). */
    String json(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }

    private JsonNode read(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit JSON is unreadable", e);
        }
    }
}
