package org.i4tracker.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/** Reads and writes the JSON documents an assessment row holds (its answers, its frozen dimension scores). */
final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> ELEMENTS = new TypeReference<>() {
    };

    private Documents() {
    }

    static String write(List<Map<String, Object>> elements) {
        try {
            return JSON.writeValueAsString(elements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an assessment document", e);
        }
    }

    static List<Map<String, Object>> read(String document, String what) {
        try {
            return JSON.readValue(document, ELEMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " document is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
