package org.i4tracker.evaluation;

import org.hipparchus.special.Gamma;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Group-time average treatment effects for staggered adoption (Callaway &amp; Sant'Anna 2021,
 * "Difference-in-Differences with multiple time periods", J. Econometrics 225(2), 200–230) on a
 * balanced panel, unconditional or conditional on time-invariant unit covariates, reproducing the R
 * package {@code did} ({@code att_gt} with {@code panel = TRUE}, {@code base_period = "varying"},
 * {@code bstrap = FALSE}, {@code est_method = "dr" | "reg" | "ipw"}, and {@code aggte}).
 * <p>
 * <b>ATT(g,t)</b> for cohort g (first treated period) and each period t after the first: a 2×2
 * difference-in-differences ({@link DiffInDiff}) of ΔY = Y_t − Y_b between cohort g and the
 * controls, where the base period b is the last observed period before g when t ≥ g, and the
 * period just before t when t &lt; g (pre-trend placebo). Controls: {@link ControlGroup#NEVER_TREATED}
 * — cohort 0; {@link ControlGroup#NOT_YET_TREATED} — cohort 0 or a cohort other than g first
 * treated after max(t, b).
 * <br>With covariates x (each unit's {@link PanelObservation#covariates()}, plus an intercept) the 2×2 is the
 * conditional one of {@link ConditionalDid} for the chosen {@link EstimationMethod} (DRDID's
 * {@code drdid_panel}, {@code reg_did_panel} or {@code std_ipw_did_panel}), the propensity score and
 * outcome regression being fitted afresh in every cell on its own units, as {@code did} does. Without
 * covariates every method is the unconditional 2×2 below (the three coincide algebraically).
 * <br>Influence function over all n units: ψ^{gt}ᵢ = (n/n_{gt}) × the 2×2 influence function of the
 * n_{gt} units in cohort g or the control set, 0 elsewhere. SE = √(mean(ψ²)/n) ({@link InfluenceFunction}).
 * <p>
 * <b>Pre-test of parallel trends</b> (did's "P-value for pre-test of parallel trends assumption",
 * Callaway &amp; Sant'Anna 2021, §4.1): the Wald statistic W = n â'V̂⁻¹â over the q pre-treatment cells
 * (t &lt; g), â their ATT(g,t), V̂ = Ψ'Ψ/n from their influence functions; p = P(χ²_q &gt; W). Absent
 * (null) when there is no pre-treatment cell or V̂ is singular, as in did.
 * <p>
 * <b>Aggregations</b> (did's {@code aggte}); p_g = n_g/n; every aggregated influence function is
 * Σ_k w_k ψ^k plus, where weights are estimated, the weight term
 * Σ_k ATT_k [ (1{Gᵢ=g_k} − p_k)/S − p_k Σ_j(1{Gᵢ=g_j} − p_j)/S² ], S = Σ_k p_k (did's {@code wif}):
 * <ul>
 * <li>simple: Σ_{t≥g} p_g ATT(g,t) / Σ_{t≥g} p_g, with the weight term;</li>
 * <li>dynamic e: Σ_{t−g=e} p_g ATT(g,t) / Σ p_g, with the weight term; overall = mean over e ≥ 0
 *     (equal weights, no weight term); event times restricted and balanced by {@link #withEventWindow};</li>
 * <li>cohort g: mean of ATT(g,t) over t ≥ g (no weight term); overall = Σ p_g θ_g / Σ p_g, with the
 *     weight term;</li>
 * <li>calendar period t ≥ the first cohort: Σ_{g≤t} p_g ATT(g,t) / Σ_{g≤t} p_g, with the weight term;
 *     overall = mean over those periods (equal weights, no weight term).</li>
 * </ul>
 * <b>Simultaneous bands</b> (opt-in, {@link #withBootstrap}): the multiplier bootstrap of
 * {@link MultiplierBootstrap} applied separately to the influence functions of all ATT(g,t) (pre-treatment
 * cells included, as did's {@code cband}), of the event times, of the cohorts and of the calendar periods
 * (as did's {@code aggte(..., cband = TRUE)}); one draw of the multipliers per family, all from the same seed.
 * Checked against did 2.x output for its {@code mpdta} example (see the tests).
 * <p>
 * Data rules as in {@code did}: units first treated in or before the first period carry no
 * information and are dropped; a cohort after the last period is not treated in the window
 * and counts as never treated. Not estimable — {@link DomainException} UNPROCESSABLE naming
 * the reason, never NaN: fewer than 2 units, fewer than 2 periods, an unbalanced panel, no
 * treated cohort, no never-treated unit for NEVER_TREATED, a cell with no comparison unit, a unit whose
 * covariates change between periods, and, with covariates, a cell whose propensity model does not
 * converge, whose covariates are collinear or whose treated units have no overlap with the comparison
 * units (see {@link ConditionalDid}) — the message names the cohort and period.
 * Duplicate (unit, period) rows and a unit whose cohort changes are bad input (400).
 * Immutable and thread-safe; cost O(n × cells) without covariates, O(n k² × cells × Newton iterations)
 * with k covariates.
 */
public final class StaggeredDid {

    private final ControlGroup control;
    private final EstimationMethod method;
    private final MultiplierBootstrap bootstrap;
    private final EventWindow window;

    public StaggeredDid(ControlGroup control) {
        this(control, EstimationMethod.DR, null, EventWindow.ALL);
    }

    private StaggeredDid(ControlGroup control, EstimationMethod method, MultiplierBootstrap bootstrap, EventWindow window) {
        this.control = Check.notNull(control, "control");
        this.method = Check.notNull(method, "method");
        this.bootstrap = bootstrap;
        this.window = Check.notNull(window, "window");
    }

    /** The same estimator adjusting for covariates by {@code method} (default DR; irrelevant without covariates). */
    public StaggeredDid withMethod(EstimationMethod method) {
        return new StaggeredDid(control, method, bootstrap, window);
    }

    /** The same estimator with the event study ({@code dynamic}) restricted and possibly balanced by {@code window}. */
    public StaggeredDid withEventWindow(EventWindow window) {
        return new StaggeredDid(control, method, bootstrap, window);
    }

    /**
     * The event times of the dynamic aggregation, as did's {@code aggte(type = "dynamic", min_e, max_e, balance_e)}:
     * only e in [{@code min}, {@code max}] (null = unbounded); with {@code balance} = B (null = no balancing) only the
     * cohorts observed for at least B periods after treatment (last period − g ≥ B) enter, and only event times
     * e with B − (last − first period) ≤ e ≤ B, so that every event time averages the same cohorts.
     */
    public record EventWindow(Integer min, Integer max, Integer balance) {
        public static final EventWindow ALL = new EventWindow(null, null, null);

        public EventWindow {
            Check.that(min == null || max == null || min <= max, "maxEventTime", "must not be below minEventTime");
            Check.that(balance == null || balance >= 0, "balanceEventTime", "must be 0 or more");
        }

        boolean admits(int e) {
            return (min == null || e >= min) && (max == null || e <= max);
        }
    }

    /**
     * The same estimator adding simultaneous bands ({@link StaggeredDidResult#bands()}) over the ATT(g,t), the
     * event times, the cohorts and the calendar periods, each from its own influence functions; null = no bands.
     */
    public StaggeredDid withBootstrap(MultiplierBootstrap bootstrap) {
        return new StaggeredDid(control, method, bootstrap, window);
    }

    public StaggeredDidResult estimate(List<PanelObservation> observations) {
        Panel panel = Panel.of(observations);
        List<Cell> cells = groupTimeCells(panel);
        int n = panel.units();
        double[] pCell = new double[cells.size()];
        for (int k = 0; k < cells.size(); k++) {
            pCell[k] = (double) panel.cohortSize(cells.get(k).cohort) / n;
        }
        List<StaggeredDidResult.GroupTime> attGt = cells.stream().map(c -> new StaggeredDidResult.GroupTime(
                c.cohort, c.period, c.base, c.att, InfluenceFunction.standardError(c.psi))).toList();

        List<Integer> post = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            if (cells.get(k).period >= cells.get(k).cohort) {
                post.add(k);
            }
        }
        Aggregate simple = weighted(cells, post, pCell, panel);

        TreeMap<Integer, List<Integer>> byEvent = new TreeMap<>();
        int first = panel.periods[0];
        int last = panel.periods[panel.periods.length - 1];
        for (int k = 0; k < cells.size(); k++) {
            Cell c = cells.get(k);
            int e = c.period - c.cohort;
            boolean balanced = window.balance() == null || last - c.cohort >= window.balance()
                    && e <= window.balance() && e >= window.balance() - (last - first);
            if (balanced && window.admits(e)) {
                byEvent.computeIfAbsent(e, key -> new ArrayList<>()).add(k);
            }
        }
        if (byEvent.isEmpty()) {
            throw DomainException.unprocessable("minEventTime", "no ATT(g,t) has an event time in the requested window "
                    + window + "; widen minEventTime/maxEventTime or lower balanceEventTime");
        }
        List<StaggeredDidResult.EventTime> dynamic = new ArrayList<>();
        List<Aggregate> eventEffects = new ArrayList<>();
        List<Aggregate> nonNegative = new ArrayList<>();
        byEvent.forEach((e, ks) -> {
            Aggregate a = weighted(cells, ks, pCell, panel);
            dynamic.add(new StaggeredDidResult.EventTime(e, a.att, a.se()));
            eventEffects.add(a);
            if (e >= 0) {
                nonNegative.add(a);
            }
        });
        StaggeredDidResult.Effect dynamicOverall = nonNegative.isEmpty() ? null : mean(nonNegative, n).effect();

        List<StaggeredDidResult.Cohort> byCohort = new ArrayList<>();
        List<Aggregate> cohortEffects = new ArrayList<>();
        for (int g : panel.cohorts()) {
            List<Aggregate> own = new ArrayList<>();
            for (int k : post) {
                if (cells.get(k).cohort == g) {
                    own.add(new Aggregate(cells.get(k).att, cells.get(k).psi));
                }
            }
            Aggregate a = mean(own, n);
            cohortEffects.add(a);
            byCohort.add(new StaggeredDidResult.Cohort(g, a.att, a.se()));
        }
        Aggregate cohortOverall = weightedCohorts(panel, cohortEffects);

        List<StaggeredDidResult.Period> calendar = new ArrayList<>();
        List<Aggregate> periodEffects = new ArrayList<>();
        int firstCohort = panel.cohorts().get(0);
        for (int t : panel.periods) {
            if (t < firstCohort) {
                continue;
            }
            List<Integer> treatedAtT = new ArrayList<>();
            for (int k : post) {
                if (cells.get(k).period == t) {
                    treatedAtT.add(k);
                }
            }
            Aggregate a = weighted(cells, treatedAtT, pCell, panel);
            periodEffects.add(a);
            calendar.add(new StaggeredDidResult.Period(t, a.att, a.se()));
        }
        Aggregate calendarOverall = mean(periodEffects, n);

        StaggeredDidResult.Bands bands = null;
        if (bootstrap != null) {
            List<Aggregate> cellEffects = cells.stream().map(c -> new Aggregate(c.att, c.psi)).toList();
            bands = new StaggeredDidResult.Bands(bootstrap.iterations(), bootstrap.seed(), bootstrap.weights(),
                    bootstrap.alpha(), band(cellEffects), band(eventEffects), band(cohortEffects), band(periodEffects));
        }
        return new StaggeredDidResult(attGt, simple.effect(), dynamic, dynamicOverall, byCohort,
                cohortOverall.effect(), calendar, calendarOverall.effect(), n, method, panel.covariateNames,
                preTest(cells, n), bands);
    }

    private MultiplierBootstrap.Band band(List<Aggregate> effects) {
        double[] att = new double[effects.size()];
        double[][] psi = new double[effects.size()][];
        for (int k = 0; k < att.length; k++) {
            att[k] = effects.get(k).att;
            psi[k] = effects.get(k).psi;
        }
        return bootstrap.band(att, psi);
    }

    /** Wald test that every pre-treatment ATT(g,t) is zero; null without pre-treatment cells or with a singular V̂. */
    private static StaggeredDidResult.PreTest preTest(List<Cell> cells, int n) {
        List<Cell> pre = cells.stream().filter(c -> c.period < c.cohort).toList();
        int q = pre.size();
        if (q == 0) {
            return null;
        }
        double[][] v = new double[q][q];
        double[] att = new double[q];
        for (int a = 0; a < q; a++) {
            att[a] = pre.get(a).att;
            for (int b = 0; b <= a; b++) {
                double s = 0;
                double[] psiA = pre.get(a).psi;
                double[] psiB = pre.get(b).psi;
                for (int i = 0; i < n; i++) {
                    s += psiA[i] * psiB[i];
                }
                v[a][b] = s / n;
                v[b][a] = s / n;
            }
        }
        double[][] inverse = Cholesky.inverse(v);
        if (inverse == null) {
            return null;
        }
        double w = n * Cholesky.dot(att, Cholesky.times(inverse, att));
        return new StaggeredDidResult.PreTest(w, q, Gamma.regularizedGammaQ(q / 2.0, w / 2));
    }

    private List<Cell> groupTimeCells(Panel panel) {
        int[] periods = panel.periods;
        if (control == ControlGroup.NEVER_TREATED && !panel.hasNeverTreated()) {
            throw DomainException.unprocessable("control", "no never-treated unit (cohort 0) to compare with; "
                    + "use NOT_YET_TREATED or add firms that never enrolled");
        }
        List<Cell> cells = new ArrayList<>();
        for (int g : panel.cohorts()) {
            int gIndex = panel.lastPeriodIndexBefore(g);
            for (int t = 1; t < periods.length; t++) {
                int b = periods[t] >= g ? gIndex : t - 1;
                int latest = Math.max(periods[t], periods[b]);
                List<Integer> treated = new ArrayList<>();
                List<Integer> controls = new ArrayList<>();
                for (int i = 0; i < panel.units(); i++) {
                    int c = panel.cohort[i];
                    if (c == g) {
                        treated.add(i);
                    } else if (c == 0 || control == ControlGroup.NOT_YET_TREATED && c > latest) {
                        controls.add(i);
                    }
                }
                if (controls.isEmpty()) {
                    throw DomainException.unprocessable("control", "cohort " + g + " has no comparison unit in period "
                            + periods[t] + " (" + control + " controls); use NOT_YET_TREATED, add never-treated units or drop that cohort");
                }
                cells.add(panel.covariateNames.isEmpty()
                        ? Cell.of(panel, g, periods[t], periods[b], t, b, treated, controls)
                        : Cell.conditional(panel, method, g, periods[t], periods[b], t, b, treated, controls));
            }
        }
        return cells;
    }

    /** Cells averaged with weights p_k/Σp_k plus the influence of estimating those weights. */
    private static Aggregate weighted(List<Cell> cells, List<Integer> ks, double[] pCell, Panel panel) {
        List<Aggregate> parts = new ArrayList<>();
        int[] cohorts = new int[ks.size()];
        double[] p = new double[ks.size()];
        for (int j = 0; j < ks.size(); j++) {
            Cell c = cells.get(ks.get(j));
            parts.add(new Aggregate(c.att, c.psi));
            cohorts[j] = c.cohort;
            p[j] = pCell[ks.get(j)];
        }
        return withEstimatedWeights(parts, cohorts, p, panel);
    }

    /** Cohort effects averaged with weights p_g/Σp_g plus the influence of estimating the weights. */
    private static Aggregate weightedCohorts(Panel panel, List<Aggregate> effects) {
        List<Integer> cohorts = panel.cohorts();
        double[] p = new double[cohorts.size()];
        for (int j = 0; j < p.length; j++) {
            p[j] = (double) panel.cohortSize(cohorts.get(j)) / panel.units();
        }
        return withEstimatedWeights(effects, cohorts.stream().mapToInt(Integer::intValue).toArray(), p, panel);
    }

    /**
     * Σ_j w_j θ_j with w_j = p_j/S, S = Σ p_j, and influence function Σ_j w_j ψ_j plus did's weight term
     * Σ_j θ_j [(1{Gᵢ = g_j} − p_j)/S − p_j Σ_k (1{Gᵢ = g_k} − p_k)/S²].
     */
    private static Aggregate withEstimatedWeights(List<Aggregate> parts, int[] cohorts, double[] p, Panel panel) {
        int n = panel.units();
        double sumP = 0;
        for (double v : p) {
            sumP += v;
        }
        double att = 0;
        double[] psi = new double[n];
        for (int j = 0; j < p.length; j++) {
            double w = p[j] / sumP;
            att += w * parts.get(j).att;
            for (int i = 0; i < n; i++) {
                psi[i] += w * parts.get(j).psi[i];
            }
        }
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < p.length; j++) {
                total += indicator(panel.cohort[i] == cohorts[j]) - p[j];
            }
            for (int j = 0; j < p.length; j++) {
                double deviation = indicator(panel.cohort[i] == cohorts[j]) - p[j];
                psi[i] += parts.get(j).att * (deviation / sumP - total * p[j] / (sumP * sumP));
            }
        }
        return new Aggregate(att, psi);
    }

    /** Equal-weight mean of effects whose weights are fixed (no weight term). */
    private static Aggregate mean(List<Aggregate> parts, int n) {
        double att = 0;
        double[] psi = new double[n];
        for (Aggregate a : parts) {
            att += a.att / parts.size();
            for (int i = 0; i < n; i++) {
                psi[i] += a.psi[i] / parts.size();
            }
        }
        return new Aggregate(att, psi);
    }

    private static double indicator(boolean b) {
        return b ? 1 : 0;
    }

    private record Aggregate(double att, double[] psi) {
        double se() {
            return InfluenceFunction.standardError(psi);
        }

        StaggeredDidResult.Effect effect() {
            return new StaggeredDidResult.Effect(att, se());
        }
    }

    /** One ATT(g,t) with its influence function over all units of the panel. */
    private record Cell(int cohort, int period, int base, double att, double[] psi) {

        static Cell conditional(Panel panel, EstimationMethod method, int g, int period, int base, int t, int b,
                                List<Integer> treated, List<Integer> controls) {
            List<Integer> units = new ArrayList<>(treated);
            units.addAll(controls);
            int m = units.size();
            double[] dy = new double[m];
            double[] d = new double[m];
            double[][] x = new double[m][];
            for (int j = 0; j < m; j++) {
                int i = units.get(j);
                dy[j] = panel.y[i][t] - panel.y[i][b];
                d[j] = j < treated.size() ? 1 : 0;
                x[j] = panel.x[i];
            }
            ConditionalDid.Estimate e;
            try {
                e = ConditionalDid.estimate(dy, d, x, panel.covariateNames, method);
            } catch (ConditionalDid.NotEstimable reason) {
                throw DomainException.unprocessable("x", "cohort " + g + ", period " + period + " (base period " + base
                        + ", " + method + "): " + reason.getMessage());
            }
            int n = panel.units();
            double scale = (double) n / m;
            double[] psi = new double[n];
            for (int j = 0; j < m; j++) {
                psi[units.get(j)] = scale * e.influence()[j];
            }
            return new Cell(g, period, base, e.att(), psi);
        }

        static Cell of(Panel panel, int g, int period, int base, int t, int b, List<Integer> treated, List<Integer> controls) {
            int n = panel.units();
            double eta1 = 0;
            for (int i : treated) {
                eta1 += panel.y[i][t] - panel.y[i][b];
            }
            eta1 /= treated.size();
            double eta0 = 0;
            for (int i : controls) {
                eta0 += panel.y[i][t] - panel.y[i][b];
            }
            eta0 /= controls.size();
            int nGt = treated.size() + controls.size();
            double p = (double) treated.size() / nGt;
            double scale = (double) n / nGt;
            double[] psi = new double[n];
            for (int i : treated) {
                psi[i] = scale * (panel.y[i][t] - panel.y[i][b] - eta1) / p;
            }
            for (int i : controls) {
                psi[i] = -scale * (panel.y[i][t] - panel.y[i][b] - eta0) / (1 - p);
            }
            return new Cell(g, period, base, eta1 - eta0, psi);
        }
    }

    /** The observations as a balanced unit × period matrix. */
    private static final class Panel {
        final int[] periods;
        final int[] cohort;
        final double[][] y;
        /** Design row per unit: 1, then the covariates in name order. */
        final double[][] x;
        final List<String> covariateNames;
        private final Map<Integer, Integer> cohortSizes = new TreeMap<>();

        private Panel(int[] periods, int[] cohort, double[][] y, double[][] x, List<String> covariateNames) {
            this.periods = periods;
            this.cohort = cohort;
            this.y = y;
            this.x = x;
            this.covariateNames = covariateNames;
            for (int c : cohort) {
                if (c > 0) {
                    cohortSizes.merge(c, 1, Integer::sum);
                }
            }
        }

        int units() {
            return cohort.length;
        }

        List<Integer> cohorts() {
            return List.copyOf(cohortSizes.keySet());
        }

        boolean hasNeverTreated() {
            for (int c : cohort) {
                if (c == 0) {
                    return true;
                }
            }
            return false;
        }

        int cohortSize(int g) {
            return cohortSizes.get(g);
        }

        int lastPeriodIndexBefore(int g) {
            int index = -1;
            for (int t = 0; t < periods.length && periods[t] < g; t++) {
                index = t;
            }
            return index;
        }

        static Panel of(List<PanelObservation> observations) {
            Check.notNull(observations, "observations");
            TreeSet<Integer> periodSet = new TreeSet<>();
            Map<String, Integer> cohortOf = new HashMap<>();
            Map<String, Map<Integer, Double>> values = new TreeMap<>();
            Map<String, PanelObservation> covariatesOf = new HashMap<>();
            List<String> names = observations.isEmpty() || observations.get(0) == null
                    ? List.of() : List.copyOf(observations.get(0).covariates().keySet());
            Set<String> nameSet = Set.copyOf(names);
            for (int r = 0; r < observations.size(); r++) {
                PanelObservation o = Check.notNull(observations.get(r), "observations[" + r + "]");
                periodSet.add(o.period());
                Check.that(o.covariates().keySet().equals(nameSet), "observations[" + r + "].x",
                        "must name the same covariates as observations[0]: " + names);
                PanelObservation first = covariatesOf.putIfAbsent(o.unit(), o);
                if (first != null && !first.covariates().equals(o.covariates())) {
                    throw DomainException.unprocessable("observations[" + r + "].x", "unit " + o.unit() + " has covariates "
                            + first.covariates() + " in period " + first.period() + " but " + o.covariates() + " in period "
                            + o.period() + "; covariates must be time-invariant (one value per unit)");
                }
                Integer known = cohortOf.putIfAbsent(o.unit(), o.cohort());
                Check.that(known == null || known == o.cohort(), "observations[" + r + "].cohort",
                        "unit " + o.unit() + " already has cohort " + known + "; a unit's cohort must not change");
                Double previous = values.computeIfAbsent(o.unit(), u -> new HashMap<>()).put(o.period(), o.y());
                Check.that(previous == null, "observations[" + r + "].period",
                        "unit " + o.unit() + " has more than one observation in period " + o.period());
            }
            if (values.size() < 2) {
                throw DomainException.unprocessable("observations", "needs at least 2 units, got " + values.size());
            }
            if (periodSet.size() < 2) {
                throw DomainException.unprocessable("observations", "needs at least 2 periods, got " + periodSet.size());
            }
            int[] periods = periodSet.stream().mapToInt(Integer::intValue).toArray();
            int first = periods[0];
            int last = periods[periods.length - 1];
            List<int[]> kept = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<double[]> designs = new ArrayList<>();
            for (Map.Entry<String, Map<Integer, Double>> unit : values.entrySet()) {
                Map<Integer, Double> byPeriod = unit.getValue();
                if (byPeriod.size() != periods.length) {
                    int missing = periodSet.stream().filter(p -> !byPeriod.containsKey(p)).findFirst().orElseThrow();
                    throw DomainException.unprocessable("observations", "unbalanced panel: unit " + unit.getKey()
                            + " has no observation in period " + missing + "; every unit needs every period");
                }
                int g = cohortOf.get(unit.getKey());
                if (g > 0 && g <= first) {
                    continue;
                }
                double[] row = new double[periods.length];
                for (int t = 0; t < periods.length; t++) {
                    row[t] = byPeriod.get(periods[t]);
                }
                kept.add(new int[]{g > last ? 0 : g});
                rows.add(row);
                double[] design = new double[names.size() + 1];
                design[0] = 1;
                Map<String, Double> covariates = covariatesOf.get(unit.getKey()).covariates();
                for (int c = 0; c < names.size(); c++) {
                    design[c + 1] = covariates.get(names.get(c));
                }
                designs.add(design);
            }
            int[] cohort = kept.stream().mapToInt(a -> a[0]).toArray();
            if (cohort.length < 2) {
                throw DomainException.unprocessable("observations", "needs at least 2 units not treated in the first period "
                        + first + ", got " + cohort.length);
            }
            Panel panel = new Panel(periods, cohort, rows.toArray(double[][]::new), designs.toArray(double[][]::new), names);
            if (panel.cohortSizes.isEmpty()) {
                throw DomainException.unprocessable("observations", "no treated cohort: every unit is never treated within periods "
                        + first + ".." + last + " (or treated in the first period, which carries no information)");
            }
            return panel;
        }
    }
}
