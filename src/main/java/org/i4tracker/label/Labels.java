package org.i4tracker.label;

import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.i4tracker.model.Band;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ModelSummary;
import org.i4tracker.technology.Technology;
import org.i4tracker.technology.TechnologyCatalogue;

import io.micronaut.data.model.Pageable;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names people read instead of codes, from one source for the dashboards, the printable report and
 * server-side documents: technologies by their catalogue name, bands by the label of the model that
 * defines them, NACE Rev. 2 codes with their description (Eurostat, NACE Rev. 2 statistical
 * classification, 2008; {@code labels/nace-rev2.csv} holds the manufacturing divisions and the classes
 * of the demo districts), programme services, size classes, assessment statuses and confidence levels.
 * A code without a label is returned as it is, never dropped.
 */
@Singleton
public class Labels {

    /** Everything a client needs to name codes; maps are code → words. */
    @Introspected
    public record LabelCatalogue(Map<String, String> technologies, Map<String, String> bands, Map<String, String> nace,
                            Map<String, String> services, Map<String, String> sizeClasses, Map<String, String> statuses,
                            Map<String, String> confidence) {
    }

    private static final Map<String, String> SERVICES = ordered(
            "DIGITAL_AUDIT", "Digital audit", "TRAINING", "Training", "PILOT_PLANT_ACCESS", "Pilot plant access",
            "CO_FUNDED_PROJECT", "Co-funded project", "CONSULTANCY", "Consultancy", "TECHNOLOGY_WATCH", "Technology watch",
            "NETWORK_BROKERAGE", "Network brokerage");
    private static final Map<String, String> SIZE_CLASSES = ordered(
            "MICRO", "Micro (fewer than 10 employees)", "SMALL", "Small (10–49 employees)", "MEDIUM", "Medium (50–249 employees)",
            "LARGE", "Large (250 employees or more)");
    private static final Map<String, String> STATUSES = ordered(
            "DRAFT", "Draft", "SUBMITTED", "Submitted, awaiting validation", "VALIDATED", "Validated");
    private static final Map<String, String> CONFIDENCE = ordered(
            "SELF_DECLARED", "Self-declared", "EVIDENCED", "Evidenced", "VERIFIED_ON_SITE", "Verified on site");
    private static final Map<String, String> NACE = readNace();

    private final TechnologyCatalogue technologies;
    private final ModelRegistry models;

    Labels(TechnologyCatalogue technologies, ModelRegistry models) {
        this.technologies = technologies;
        this.models = models;
    }

    public LabelCatalogue catalogue() {
        Map<String, String> tech = new LinkedHashMap<>();
        for (Technology t : technologies.all()) {
            tech.put(t.code(), t.name());
        }
        return new LabelCatalogue(tech, bands(), NACE, SERVICES, SIZE_CLASSES, STATUSES, CONFIDENCE);
    }

    /** Band code → label over every published model version; the first model (by id) to define a code names it. */
    public Map<String, String> bands() {
        Map<String, String> bands = new LinkedHashMap<>();
        for (ModelSummary m : models.list(Pageable.from(0, 500)).getContent()) {
            for (Band b : models.engine(m.id(), m.version()).model().bands()) {
                bands.putIfAbsent(b.code(), b.label());
            }
        }
        return bands;
    }

    /** "15.20 Manufacture of footwear"; a class not in the table is named by its division; an unknown code alone. */
    public static String nace(String code) {
        if (code == null) {
            return "";
        }
        String description = NACE.get(code);
        if (description == null && code.length() >= 2) {
            description = NACE.get(code.substring(0, 2));
        }
        return description == null ? code : code + " " + description;
    }

    public String technology(String code) {
        return technologies.findByCode(code).map(Technology::name).orElse(code);
    }

    public static String service(String code) {
        return SERVICES.getOrDefault(code, code);
    }

    private static Map<String, String> readNace() {
        Map<String, String> nace = new LinkedHashMap<>();
        try (InputStream in = Labels.class.getResourceAsStream("/labels/nace-rev2.csv");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                nace.put(r.get("code"), r.get("description"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("labels/nace-rev2.csv cannot be read", e);
        }
        return Collections.unmodifiableMap(nace);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
