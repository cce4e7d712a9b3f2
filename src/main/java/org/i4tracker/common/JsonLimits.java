package org.i4tracker.common;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The read limits of every JSON parser in the service: request bodies (Micronaut's shared
 * {@code ObjectMapper}), model documents, telemetry payloads and stored documents. Jackson's own
 * default nesting depth (1 000) still lets a small body drive deep recursion in the code that walks
 * the tree (schema validation, mapping); no document of this service needs more than a dozen
 * levels, so {@value #MAX_NESTING_DEPTH} is generous and cheap. A deeper document fails to parse
 * with Jackson's {@code StreamConstraintsException}, which the web layer answers with 400.
 */
public final class JsonLimits {

    /** Maximum depth of nested arrays and objects in any JSON the service reads. */
    public static final int MAX_NESTING_DEPTH = 200;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH).build();

    private JsonLimits() {
    }

    /** A plain mapper for hand-made parsing, with the service's read limits. */
    public static ObjectMapper objectMapper() {
        return applyTo(new ObjectMapper());
    }

    /** Applies the service's read limits to {@code mapper}'s factory (shared by its readers) and returns it. */
    public static <M extends ObjectMapper> M applyTo(M mapper) {
        mapper.getFactory().setStreamReadConstraints(CONSTRAINTS);
        return mapper;
    }
}
