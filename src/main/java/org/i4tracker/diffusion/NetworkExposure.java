package org.i4tracker.diffusion;

import org.i4tracker.common.Check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network exposure of firms to earlier adopters (Valente 1996, "Social network thresholds in the
 * diffusion of innovations", Social Networks 18; DESIGN.md §6):
 * <pre>  E_i(t) = Σ_j w_ij · a_j(t−1) / Σ_j w_ij</pre>
 * over the ties of firm i active in period t, where a_j(t−1) = 1 when firm j adopted in period t−1 or
 * before, else 0. Ties are undirected (influence flows both ways along a supply or project link);
 * several ties between the same pair add their weights. E is a share in [0, 1]; it is {@code null}
 * for a firm without an active tie in t (the ratio is undefined). Nobody is an adopter before period 0.
 */
public final class NetworkExposure {

    /**
     * A weighted tie between two firms, active in periods {@code firstPeriod..lastPeriod} (inclusive,
     * 0-based period indices of the analysis).
     */
    public record Tie(long firmA, long firmB, double weight, int firstPeriod, int lastPeriod) {
        public Tie {
            Check.that(firmA != firmB, "firmB", "a tie joins two different firms");
            Check.finiteNonNegative(weight, "weight");
            Check.that(lastPeriod >= firstPeriod, "lastPeriod", "must not be before firstPeriod");
        }
    }

    /**
     * One row of the exposure-vs-adoption table: firm-periods at risk (not yet adopted at the start of the
     * period) whose exposure fell in the band, how many of them adopted in that period, and the rate.
     *
     * @param band         label, e.g. {@code "(0.25, 0.5]"} or {@code "no ties"}
     * @param atRisk       firm-periods at risk
     * @param adoptions    adoptions among them
     * @param adoptionRate adoptions / atRisk, or null when atRisk is 0
     */
    public record ExposureBand(String band, int atRisk, int adoptions, Double adoptionRate) {
    }

    private static final double[] BAND_UPPER = {0, 0.25, 0.5, 1.0};
    private static final String[] BAND_LABELS = {"0", "(0, 0.25]", "(0.25, 0.5]", "(0.5, 1]"};
    private static final String NO_TIES = "no ties";

    private final Map<Long, Double[]> exposure;
    private final Map<Long, Integer> adoptionPeriod;
    private final int periods;

    private NetworkExposure(Map<Long, Double[]> exposure, Map<Long, Integer> adoptionPeriod, int periods) {
        this.exposure = exposure;
        this.adoptionPeriod = adoptionPeriod;
        this.periods = periods;
    }

    /**
     * @param firms           the population (firm ids)
     * @param adoptionPeriod  period index of each adopter's adoption; firms absent have not adopted
     * @param ties            firm–firm ties; ties touching firms outside the population are ignored
     * @param periods         number of periods
     */
    public static NetworkExposure compute(Collection<Long> firms, Map<Long, Integer> adoptionPeriod, List<Tie> ties, int periods) {
        Check.that(periods >= 0, "periods", "must not be negative");
        Map<Long, double[]> weighted = new LinkedHashMap<>();
        Map<Long, double[]> total = new LinkedHashMap<>();
        for (Long firm : firms) {
            weighted.put(firm, new double[periods]);
            total.put(firm, new double[periods]);
        }
        for (Tie tie : ties) {
            if (!total.containsKey(tie.firmA()) || !total.containsKey(tie.firmB())) {
                continue;
            }
            for (int t = Math.max(0, tie.firstPeriod()); t <= Math.min(periods - 1, tie.lastPeriod()); t++) {
                add(weighted, total, tie.firmA(), tie.firmB(), tie.weight(), t, adoptionPeriod);
                add(weighted, total, tie.firmB(), tie.firmA(), tie.weight(), t, adoptionPeriod);
            }
        }
        Map<Long, Double[]> exposure = new LinkedHashMap<>();
        for (Long firm : firms) {
            Double[] e = new Double[periods];
            for (int t = 0; t < periods; t++) {
                double sum = total.get(firm)[t];
                e[t] = sum > 0 ? weighted.get(firm)[t] / sum : null;
            }
            exposure.put(firm, e);
        }
        return new NetworkExposure(exposure, Map.copyOf(adoptionPeriod), periods);
    }

    private static void add(Map<Long, double[]> weighted, Map<Long, double[]> total, long firm, long partner, double weight,
                            int t, Map<Long, Integer> adoptionPeriod) {
        total.get(firm)[t] += weight;
        Integer adopted = adoptionPeriod.get(partner);
        if (adopted != null && adopted <= t - 1) {
            weighted.get(firm)[t] += weight;
        }
    }

    /** Exposure of the firm per period ({@code null} entries where it had no active tie). */
    public List<Double> of(long firm) {
        Double[] e = exposure.get(firm);
        return e == null ? List.of() : Collections.unmodifiableList(Arrays.asList(e.clone()));
    }

    public Collection<Long> firms() {
        return Collections.unmodifiableSet(exposure.keySet());
    }

    /**
     * Do firms adopt after their partners do? Groups every firm-period at risk by its exposure band
     * (0, (0, 0.25], (0.25, 0.5], (0.5, 1], or no ties) and reports the adoption rate in each band.
     */
    public List<ExposureBand> adoptionByExposure() {
        int bands = BAND_LABELS.length + 1;
        int[] atRisk = new int[bands];
        int[] adoptions = new int[bands];
        exposure.forEach((firm, e) -> {
            Integer adopted = adoptionPeriod.get(firm);
            int last = adopted == null ? periods - 1 : Math.min(adopted, periods - 1);
            for (int t = 0; t <= last; t++) {
                int band = bandOf(e[t]);
                atRisk[band]++;
                if (adopted != null && adopted == t) {
                    adoptions[band]++;
                }
            }
        });
        List<ExposureBand> rows = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            String label = b < BAND_LABELS.length ? BAND_LABELS[b] : NO_TIES;
            rows.add(new ExposureBand(label, atRisk[b], adoptions[b], atRisk[b] == 0 ? null : (double) adoptions[b] / atRisk[b]));
        }
        return rows;
    }

    private static int bandOf(Double e) {
        if (e == null) {
            return BAND_LABELS.length;
        }
        for (int b = 0; b < BAND_UPPER.length; b++) {
            if (e <= BAND_UPPER[b]) {
                return b;
            }
        }
        return BAND_UPPER.length - 1;
    }
}
