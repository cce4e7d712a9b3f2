package org.i4tracker.model;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped model files validate against the schema and say what DESIGN.md §3 asks of them. */
class ModelDocumentReaderTest {

    private static final Path DIR = Path.of("assessment-models");

    private final ModelDocumentReader reader = new ModelDocumentReader(read("model.schema.json"));

    private static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void digitalMaturityHasSixDimensionsAndFourBands() {
        AssessmentModel m = reader.read(read("digital-maturity-1.0.0.json"), "digital-maturity-1.0.0.json");
        assertEquals("digital-maturity", m.id());
        assertEquals("1.0.0", m.version());
        assertEquals(List.of("DIGITAL_BUSINESS_STRATEGY", "DIGITAL_READINESS", "HUMAN_CENTRIC_DIGITALISATION", "DATA_MANAGEMENT",
                "AUTOMATION_AI", "GREEN_DIGITALISATION"), m.dimensions().stream().map(Dimension::code).toList());
        assertEquals(AssessmentModel.OverallRule.MEAN, m.overallRule());
        assertEquals(List.of(25.0, 50.0, 75.0, 100.0), m.bands().stream().map(Band::upTo).toList());
        Set<String> technologies = m.dimensions().get(1).items().stream().map(Item::technology).collect(Collectors.toSet());
        assertEquals(Set.of("ERP_MES", "CONNECTED_MACHINES", "ADDITIVE_MANUFACTURING", "ROBOTICS", "CLOUD", "DATA_ANALYTICS_AI",
                "DIGITAL_TWIN", "B2B_PLATFORM", "CYBERSECURITY"), technologies);
        // an "in use" answer on a readiness item is an adoption
        ScoringEngine engine = ScoringEngine.of(m);
        assertEquals(Map.of("DR_CLOUD", "CLOUD"), engine.technologiesInUse(Models.answers("DR_CLOUD", "IN_USE", "DR_ROBOTICS", "PILOT")));
    }

    @Test
    void stageModelHasSixOrderedStagesAcrossFourAreas() {
        AssessmentModel m = reader.read(read("i40-stages-1.0.0.json"), "i40-stages-1.0.0.json");
        assertEquals(List.of("COMPUTERISATION", "CONNECTIVITY", "VISIBILITY", "TRANSPARENCY", "PREDICTIVE_CAPACITY", "ADAPTABILITY"),
                m.stages().stream().map(Stage::code).toList());
        assertEquals(List.of("RESOURCES", "INFORMATION_SYSTEMS", "ORGANISATION", "CULTURE"),
                m.dimensions().stream().map(Dimension::code).toList());
        assertEquals(AssessmentModel.OverallRule.STAGED, m.overallRule());
        assertEquals(75.0, m.stageThreshold());
    }

    @Test
    void capabilityModelHasTheEighteenLearningSourcesOfBellAndAlbu() {
        AssessmentModel m = reader.read(read("capability-learning-1.0.0.json"), "capability-learning-1.0.0.json");
        assertEquals(AssessmentModel.OverallRule.NONE, m.overallRule());
        List<Item> sources = m.dimensions().stream().filter(d -> "LEARNING_SOURCES".equals(d.tags().get("part")))
                .flatMap(d -> d.items().stream()).toList();
        assertEquals(18, sources.size());
        // Bell & Albu (1999) Table 2: intrafirm 3 using + 2 changing, intracluster 3 + 3, outside the cluster 4 + 3
        Map<String, Long> cells = sources.stream().collect(Collectors.groupingBy(
                i -> i.tags().get("locus") + "/" + i.tags().get("knowledge"), Collectors.counting()));
        assertEquals(Map.of("INTRAFIRM/USING", 3L, "INTRAFIRM/CHANGING", 2L, "INTRACLUSTER/USING", 3L,
                "INTRACLUSTER/CHANGING", 3L, "EXTERNAL/USING", 4L, "EXTERNAL/CHANGING", 3L), cells);
        assertTrue(m.dimensions().stream().anyMatch(d -> d.code().equals("KNOWLEDGE_USING")));
        assertTrue(m.dimensions().stream().anyMatch(d -> d.code().equals("KNOWLEDGE_CHANGING")));
        assertNull(ScoringEngine.of(m).score(Map.of()).overall());
    }

    @Test
    void schemaViolationNamesTheJsonPath() {
        String bad = read("digital-maturity-1.0.0.json").replaceFirst("\"LIKERT_5\"", "\"LIKERT_7\"");
        DomainException e = assertThrows(DomainException.class, () -> reader.read(bad, "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json"), e.getMessage());
        assertTrue(e.errors().stream().anyMatch(err -> err.field().equals("$.dimensions[0].items[0].scale.type")), e.errors().toString());

        String extra = read("i40-stages-1.0.0.json").replaceFirst("\"stageThreshold\"", "\"colour\": \"red\", \"stageThreshold\"");
        DomainException unknown = assertThrows(DomainException.class, () -> reader.read(extra, "extra.json"));
        assertTrue(unknown.errors().stream().anyMatch(err -> err.field().equals("$.colour")), unknown.errors().toString());
    }

    @Test
    void inconsistencyNamesTheJsonPath() {
        String unknownStage = read("i40-stages-1.0.0.json").replaceFirst("\"stage\": \"COMPUTERISATION\"", "\"stage\": \"TELEPATHY\"");
        DomainException e = assertThrows(DomainException.class, () -> reader.read(unknownStage, "stages.json"));
        assertEquals("$.dimensions[0].items[0].stage", e.errors().get(0).field());
        DomainException notJson = assertThrows(DomainException.class, () -> reader.read("{\"id\": ", "broken.json"));
        assertEquals("$", notJson.errors().get(0).field());
    }

    @Test
    void everyItemOfEveryShippedModelHasGuidanceWithinTheBound() {
        for (String file : List.of("digital-maturity-1.0.0.json", "i40-stages-1.0.0.json", "capability-learning-1.0.0.json")) {
            AssessmentModel model = reader.read(read(file), file);
            for (Dimension d : model.dimensions()) {
                for (Item item : d.items()) {
                    String where = file + " " + item.code();
                    assertTrue(item.guidance() != null && !item.guidance().isBlank(), where + " has no guidance");
                    assertTrue(item.guidance().length() <= Item.MAX_GUIDANCE, where + ": " + item.guidance().length() + " characters");
                    assertTrue(!item.guidance().equals(item.text()) && !item.guidance().equals(item.advice()),
                            where + " guidance repeats the question or the advice");
                }
            }
        }
    }

    @Test
    void theSchemaRefusesAnOverLongOrEmptyGuidance() {
        String model = read("digital-maturity-1.0.0.json");
        String first = "\"guidance\": \"";
        int at = model.indexOf(first) + first.length();
        String tooLong = model.substring(0, at) + "x".repeat(Item.MAX_GUIDANCE + 1) + model.substring(model.indexOf('"', at));
        DomainException e = assertThrows(DomainException.class, () -> reader.read(tooLong, "long.json"));
        assertEquals("$.dimensions[0].items[0].guidance", e.errors().get(0).field(), e.errors().toString());

        String atTheBound = model.substring(0, at) + "x".repeat(Item.MAX_GUIDANCE) + model.substring(model.indexOf('"', at));
        assertEquals(Item.MAX_GUIDANCE, reader.read(atTheBound, "bound.json").dimensions().get(0).items().get(0).guidance().length());

        String empty = model.substring(0, at) + model.substring(model.indexOf('"', at));
        assertEquals("$.dimensions[0].items[0].guidance",
                assertThrows(DomainException.class, () -> reader.read(empty, "empty.json")).errors().get(0).field());
    }
}
