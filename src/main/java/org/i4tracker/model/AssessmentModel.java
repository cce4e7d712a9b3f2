package org.i4tracker.model;

import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative assessment model (DESIGN.md §3) as read from a file of {@code assessment-models/}.
 * The constructor checks what the JSON Schema cannot: unique codes, bands in ascending order up to
 * the scale's maximum, stages known and present when the rule is STAGED. Each failure names the
 * JSON path at fault (e.g. {@code dimensions[1].items[2].stage}).
 */
public record AssessmentModel(String id, String version, String name, String description, String source,
                              double scaleMin, double scaleMax, OverallRule overallRule, Double stageThreshold,
                              List<Stage> stages, List<Band> bands, List<Dimension> dimensions) {

    /** How the overall score comes from the dimension scores. */
    public enum OverallRule { MEAN, WEIGHTED_MEAN, MIN, STAGED, NONE }

    public AssessmentModel {
        stages = stages == null ? List.of() : List.copyOf(stages);
        bands = bands == null ? List.of() : List.copyOf(bands);
        dimensions = List.copyOf(dimensions);
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (scaleMax <= scaleMin) {
            errors.add(new DomainException.FieldError("scale.max", "must be greater than scale.min"));
        }
        if (overallRule == OverallRule.STAGED && (scaleMin != 0 || scaleMax != stages.size())) {
            errors.add(new DomainException.FieldError("scale", "a STAGED model is scored by stage number: scale must be 0.." + stages.size()));
        }
        checkBands(bands, scaleMax, errors);
        checkCodes(stages, dimensions, overallRule, stageThreshold, errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid("model " + id + " " + version + " is inconsistent", errors);
        }
    }

    private static void checkBands(List<Band> bands, double scaleMax, List<DomainException.FieldError> errors) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < bands.size(); i++) {
            if (!codes.add(bands.get(i).code())) {
                errors.add(new DomainException.FieldError("bands[" + i + "].code", "duplicate band code " + bands.get(i).code()));
            }
            if (i > 0 && bands.get(i).upTo() <= bands.get(i - 1).upTo()) {
                errors.add(new DomainException.FieldError("bands[" + i + "].upTo", "must be greater than the previous band's upTo"));
            }
        }
        if (!bands.isEmpty() && bands.get(bands.size() - 1).upTo() < scaleMax) {
            errors.add(new DomainException.FieldError("bands[" + (bands.size() - 1) + "].upTo", "the last band must reach scale.max " + scaleMax));
        }
    }

    private static void checkCodes(List<Stage> stages, List<Dimension> dimensions, OverallRule overallRule, Double threshold,
                                   List<DomainException.FieldError> errors) {
        Set<String> stageCodes = new HashSet<>();
        stages.forEach(s -> stageCodes.add(s.code()));
        boolean staged = overallRule == OverallRule.STAGED
                || dimensions.stream().anyMatch(d -> d.rule() == Dimension.DimensionRule.STAGED);
        if (staged && (stages.isEmpty() || threshold == null)) {
            errors.add(new DomainException.FieldError("stages", "a STAGED rule needs stages and stageThreshold"));
        }
        Set<String> dimensionCodes = new HashSet<>();
        Set<String> itemCodes = new HashSet<>();
        for (int d = 0; d < dimensions.size(); d++) {
            Dimension dim = dimensions.get(d);
            if (!dimensionCodes.add(dim.code())) {
                errors.add(new DomainException.FieldError("dimensions[" + d + "].code", "duplicate dimension code " + dim.code()));
            }
            for (int i = 0; i < dim.items().size(); i++) {
                Item item = dim.items().get(i);
                String path = "dimensions[" + d + "].items[" + i + "]";
                if (!itemCodes.add(item.code())) {
                    errors.add(new DomainException.FieldError(path + ".code", "duplicate item code " + item.code()));
                }
                if (item.stage() != null && !stageCodes.contains(item.stage())) {
                    errors.add(new DomainException.FieldError(path + ".stage", "unknown stage " + item.stage()));
                }
                if (staged && item.stage() == null) {
                    errors.add(new DomainException.FieldError(path + ".stage", "is required in a staged model"));
                }
                Set<String> options = new HashSet<>();
                for (int o = 0; o < item.scale().options().size(); o++) {
                    if (!options.add(item.scale().options().get(o).code())) {
                        errors.add(new DomainException.FieldError(path + ".scale.options[" + o + "].code", "duplicate option code"));
                    }
                }
            }
        }
    }

    /** Items by code, in model order. */
    public Map<String, Item> itemsByCode() {
        Map<String, Item> items = new HashMap<>();
        dimensions.forEach(d -> d.items().forEach(i -> items.put(i.code(), i)));
        return items;
    }

    /** Stage number (1 = lowest) of a stage code, 0 if unknown. */
    public int stageNumber(String code) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).code().equals(code)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The band a score falls into: the first whose upTo is at least the score; null without bands or score. */
    public Band bandOf(Double score) {
        if (score == null) {
            return null;
        }
        for (Band band : bands) {
            if (score <= band.upTo()) {
                return band;
            }
        }
        return bands.isEmpty() ? null : bands.get(bands.size() - 1);
    }

    /** "id@version", the key of a model version. */
    public String key() {
        return id + "@" + version;
    }
}
