package org.i4tracker.assessment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.i4tracker.common.JsonLimits;

/** Reads and writes the JSON documents an assessment row holds (its answers, its frozen dimension scores). */
final class Documents {

    private static final ObjectMapper JSON = JsonLimits.objectMapper();
    private static final TypeReference<List<Map<String, Object>>> ELEMENTS = new TypeReference<>() {
    };

    private Documents() {
    }

    /** Writes one element's fields (the object's braces are written around them). */
    interface Fields<T> {
        void write(T element, JsonGenerator json) throws IOException;
    }

    /** A JSON array of one object per element, streamed (no intermediate maps: imports write one per row). */
    static <T> String write(List<T> elements, Fields<T> fields) {
        StringWriter out = new StringWriter(64 * elements.size() + 2);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (T element : elements) {
                json.writeStartObject();
                fields.write(element, json);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an assessment document", e);
        }
        return out.toString();
    }

    static List<Map<String, Object>> read(String document, String what) {
        try {
            return JSON.readValue(document, ELEMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " document is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
