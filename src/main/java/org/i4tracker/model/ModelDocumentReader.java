package org.i4tracker.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.i4tracker.common.JsonLimits;

/**
 * Reads a model document (JSON text) into an {@link AssessmentModel}: first against the JSON Schema
 * of {@code assessment-models/model.schema.json} (draft 2020-12, validated with networknt
 * json-schema-validator), then the consistency checks of {@link AssessmentModel}. Every failure is a
 * {@link DomainException} INVALID whose fields are JSON paths such as
 * {@code $.dimensions[0].items[3].scale.type}. Thread-safe once built.
 */
public final class ModelDocumentReader {

    private final ObjectMapper json = JsonLimits.objectMapper();
    private final JsonSchema schema;

    public ModelDocumentReader(String schemaText) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText, config);
    }

    /** Parses and validates; {@code origin} (a file name or "upload") starts the error detail. */
    public AssessmentModel read(String text, String origin) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            // A failed read limit (nesting depth) may come without a location.
            String at = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw DomainException.invalid(origin + " is not JSON: " + e.getOriginalMessage(),
                    List.of(new DomainException.FieldError("$", at + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw DomainException.invalid(origin + " is not a JSON object", List.of(new DomainException.FieldError("$", "must be an object")));
        }
        Set<ValidationMessage> messages = schema.validate(root);
        if (!messages.isEmpty()) {
            List<DomainException.FieldError> errors = messages.stream()
                    .map(m -> new DomainException.FieldError(path(m), m.getMessage()))
                    .sorted(Comparator.comparing(DomainException.FieldError::field)).toList();
            throw DomainException.invalid(origin + " does not match the model schema at " + errors.get(0).field()
                    + ": " + errors.get(0).message(), errors);
        }
        try {
            return toModel(root);
        } catch (DomainException e) {
            List<DomainException.FieldError> errors = e.errors().stream()
                    .map(err -> new DomainException.FieldError("$." + err.field(), err.message())).toList();
            throw DomainException.invalid(origin + " is inconsistent at " + errors.get(0).field() + ": "
                    + errors.get(0).message(), errors);
        }
    }

    private static String path(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        boolean namesProperty = m.getProperty() != null && ("required".equals(m.getType()) || "additionalProperties".equals(m.getType()));
        return namesProperty ? at + "." + m.getProperty() : at;
    }

    private static AssessmentModel toModel(JsonNode root) {
        List<Stage> stages = new ArrayList<>();
        root.path("stages").forEach(s -> stages.add(new Stage(s.get("code").asText(), s.get("name").asText(), text(s, "description"))));
        List<Band> bands = new ArrayList<>();
        root.path("bands").forEach(b -> bands.add(new Band(b.get("code").asText(), b.get("label").asText(), b.get("upTo").asDouble())));
        List<Dimension> dimensions = new ArrayList<>();
        root.get("dimensions").forEach(d -> dimensions.add(toDimension(d)));
        return new AssessmentModel(root.get("id").asText(), root.get("version").asText(), root.get("name").asText(),
                text(root, "description"), text(root, "source"), root.get("scale").get("min").asDouble(),
                root.get("scale").get("max").asDouble(), AssessmentModel.OverallRule.valueOf(root.get("overallRule").asText()),
                root.hasNonNull("stageThreshold") ? root.get("stageThreshold").asDouble() : null, stages, bands, dimensions);
    }

    private static Dimension toDimension(JsonNode d) {
        List<Item> items = new ArrayList<>();
        d.get("items").forEach(i -> items.add(toItem(i)));
        return new Dimension(d.get("code").asText(), d.get("name").asText(), text(d, "description"),
                Dimension.DimensionRule.valueOf(d.path("rule").asText("WEIGHTED_MEAN")), d.path("weight").asDouble(1),
                tags(d), items);
    }

    private static Item toItem(JsonNode i) {
        JsonNode scale = i.get("scale");
        List<ChoiceOption> options = new ArrayList<>();
        scale.path("options").forEach(o -> options.add(new ChoiceOption(o.get("code").asText(), o.get("label").asText(),
                o.get("score").asDouble(), o.path("inUse").asBoolean(false))));
        return new Item(i.get("code").asText(), i.get("text").asText(),
                new ItemScale(ItemScale.Type.valueOf(scale.get("type").asText()), options), i.path("weight").asDouble(1),
                i.path("required").asBoolean(true), i.path("naAllowed").asBoolean(false), text(i, "advice"), text(i, "guidance"),
                text(i, "stage"), text(i, "technology"), tags(i));
    }

    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags.isEmpty() ? Map.of() : new HashMap<>(tags);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
