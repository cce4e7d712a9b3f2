package org.i4tracker.programme;

import org.i4tracker.actor.Firm;
import org.i4tracker.common.Check;
import org.i4tracker.common.NaceCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Firm characteristics a programme evaluation can condition on (Callaway &amp; Sant'Anna 2021 with
 * covariates): participants are often bigger, in other sectors and already more mature than the
 * firms they are compared with. All are fixed per firm, measured before treatment:
 * <ul>
 * <li>{@code size}: ln(1 + employees) — the log of the head count, defined for firms with no employee;</li>
 * <li>{@code sector}: one 0/1 indicator {@code sector=DD} per NACE division DD of the firms in the
 *     estimation except the most common one (the reference; ties go to the lowest code), so that
 *     the indicators are not collinear with the intercept;</li>
 * <li>{@code baseline}: the firm's overall maturity score at T0, the first wave of the evaluation; a
 *     firm without one is left out of the estimation.</li>
 * </ul>
 */
final class EvaluationCovariates {

    enum Kind { SIZE, SECTOR, BASELINE }

    private final Set<Kind> kinds;

    private EvaluationCovariates(Set<Kind> kinds) {
        this.kinds = kinds;
    }

    /** Parses {@code size,sector,baseline} (any subset, any order; blank = none). */
    static EvaluationCovariates parse(String list) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (list != null && !list.isBlank()) {
            for (String name : list.split(",")) {
                String key = name.strip().toUpperCase(Locale.ROOT);
                Check.that(Set.of("SIZE", "SECTOR", "BASELINE").contains(key), "covariates",
                        "must be a comma-separated list of size, sector, baseline; got '" + name.strip() + "'");
                kinds.add(Kind.valueOf(key));
            }
        }
        return new EvaluationCovariates(kinds);
    }

    boolean isEmpty() {
        return kinds.isEmpty();
    }

    boolean needsBaseline() {
        return kinds.contains(Kind.BASELINE);
    }

    List<String> names() {
        return kinds.stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether the firm has every requested covariate (only the baseline can be missing). */
    boolean available(long firmId, Map<Long, Double> baseline) {
        return !needsBaseline() || baseline.containsKey(firmId);
    }

    /**
     * Covariates of the firms of one estimation sample (the sector reference and indicators are
     * chosen within it), each of which must be {@link #available}.
     *
     * @param baseline overall score at T0 by firm (only read when {@code baseline} is requested)
     */
    Map<Long, Map<String, Double>> of(Collection<Long> sample, Map<Long, Firm> firms, Map<Long, Double> baseline) {
        List<Long> kept = new ArrayList<>(sample);
        String reference = referenceDivision(kept, firms);
        Map<Long, Map<String, Double>> out = new HashMap<>();
        for (long id : kept) {
            Firm firm = firms.get(id);
            Map<String, Double> x = new TreeMap<>();
            if (kinds.contains(Kind.SIZE)) {
                x.put("size", Math.log1p(firm.employees()));
            }
            if (kinds.contains(Kind.SECTOR)) {
                for (String division : divisions(kept, firms)) {
                    if (!division.equals(reference)) {
                        x.put("sector=" + division, division.equals(division(firm)) ? 1.0 : 0.0);
                    }
                }
            }
            if (kinds.contains(Kind.BASELINE)) {
                x.put("baseline", baseline.get(id));
            }
            out.put(id, x);
        }
        return out;
    }

    private static String division(Firm firm) {
        return new NaceCode(firm.naceCode()).division();
    }

    private static Set<String> divisions(List<Long> ids, Map<Long, Firm> firms) {
        Set<String> all = new TreeSet<>();
        ids.forEach(id -> all.add(division(firms.get(id))));
        return all;
    }

    private static String referenceDivision(List<Long> ids, Map<Long, Firm> firms) {
        Map<String, Integer> counts = new TreeMap<>();
        ids.forEach(id -> counts.merge(division(firms.get(id)), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse("");
    }
}
