package org.i4tracker.evaluation;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference values: R package did 2.x, {@code att_gt(yname = "lemp", tname = "year", idname =
 * "countyreal", gname = "first.treat", xformla = ~1, data = mpdta, bstrap = FALSE, cband = FALSE)}
 * and {@code aggte(..., bstrap = FALSE)}, as tabulated in the csdid Python port's parity
 * fixtures (csdid/test_csdid/r_ref/ref_attgt.csv and ref_aggte.csv, scenarios mpdta_nev_dr and
 * mpdta_nyt_dr; est_method "dr" without covariates is the unconditional DiD). Tolerance 1e-10:
 * the fixture reproduces lemp exactly and the values are printed to 15 significant digits.
 */
class StaggeredDidTest {

    private static final double TOL = 1e-10;

    // {cohort, period, att, se}
    private static final double[][] NEVER_TREATED_ATT_GT = {
            {2004, 2004, -0.0105032462209624, 0.0232510363681664},
            {2004, 2005, -0.0704231581031467, 0.0309847667572767},
            {2004, 2006, -0.137258738889403, 0.0364356642876865},
            {2004, 2007, -0.100811363085404, 0.0343592258346732},
            {2006, 2004, 0.00652011242423301, 0.0233268051418047},
            {2006, 2005, -0.00275081875051882, 0.0195585610358817},
            {2006, 2006, -0.00459460695286304, 0.0177551966592763},
            {2006, 2007, -0.0412244715462175, 0.0202291807041068},
            {2007, 2004, 0.0305066555832928, 0.01503356028013},
            {2007, 2005, -0.00272589288611625, 0.0163958328955344},
            {2007, 2006, -0.0310871193896889, 0.0178775113133435},
            {2007, 2007, -0.0260544107191966, 0.0166554353492522}};

    private static final double[][] NOT_YET_TREATED_ATT_GT = {
            {2004, 2004, -0.0193723636759221, 0.0223101128836806},
            {2004, 2005, -0.0783190990620607, 0.0303902285433973},
            {2004, 2006, -0.136274346328678, 0.03540338496891},
            {2004, 2007, -0.100811363085404, 0.0343592258346732},
            {2006, 2004, -0.00256255094261098, 0.0225302351453388},
            {2006, 2005, -0.00193924609578875, 0.019042158605819},
            {2006, 2006, 0.00466087631997615, 0.0163355842468236},
            {2006, 2007, -0.0412244715462175, 0.0202291807041068},
            {2007, 2004, 0.0297593647610311, 0.0145335416386514},
            {2007, 2005, -0.0024106128000969, 0.0160312963755178},
            {2007, 2006, -0.0310871193896889, 0.0178775113133435},
            {2007, 2007, -0.0260544107191966, 0.0166554353492522}};

    @Test
    void mpdtaNeverTreatedMatchesRDid() {
        StaggeredDidResult r = new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(Mpdta.observations());
        assertAttGt(NEVER_TREATED_ATT_GT, r);
        assertEquals(500, r.units());
        // aggte(type = "simple"): overall.att, overall.se
        assertEffect(-0.0399512751551763, 0.0120340127701854, r.simple());
        // aggte(type = "dynamic"): e = -3..3, then overall (mean over e >= 0)
        double[][] dynamic = {
                {-3, 0.0305066555832928, 0.01503356028013},
                {-2, -0.000563084626385429, 0.01329164473655},
                {-1, -0.0244587449711696, 0.0142364022105193},
                {0, -0.0199318167892593, 0.0118263640580582},
                {1, -0.0509573670651939, 0.016893476268678},
                {2, -0.137258738889403, 0.0364356642876865},
                {3, -0.100811363085404, 0.0343592258346733}};
        assertDynamic(dynamic, r);
        assertEffect(-0.0772398214573151, 0.0199649890618494, r.dynamicOverall());
        // aggte(type = "group"): per cohort, then overall
        double[][] cohorts = {
                {2004, -0.0797491265747291, 0.0263677994350273},
                {2006, -0.0229095392495403, 0.0167033302551619},
                {2007, -0.0260544107191966, 0.0166554353492522}};
        assertCohorts(cohorts, r);
        assertEffect(-0.0310182822287484, 0.0124460593209979, r.cohortOverall());
        // aggte(type = "calendar"): per period from the first cohort on, then overall (ref_aggte.csv, mpdta_nev_dr)
        double[][] calendar = {
                {2004, -0.0105032462209624, 0.0232510363681664},
                {2005, -0.0704231581031467, 0.0309847667572767},
                {2006, -0.0488159842650431, 0.0201258612605003},
                {2007, -0.0370593399359766, 0.0137470791411185}};
        assertCalendar(calendar, r);
        assertEffect(-0.0417004321312822, 0.01597185188456, r.calendarOverall());
    }

    /*
     * Event window (did's min_e / max_e / balance_e) on mpdta, never treated. Expected values are built from the
     * R-verified ATT(g,t) and dynamic rows above (tolerance 1e-12 on top of theirs): restricting keeps the rows
     * unchanged; balance_e = 1 keeps the cohorts with 2007 − g ≥ 1 (2004 and 2006, 20 and 40 counties) and the
     * event times 1 − (2007 − 2003) = −3 ≤ e ≤ 1 that they have, each averaged with weights 20 : 40.
     */
    @Test
    void mpdtaEventWindowRestrictsAndBalancesTheEventStudy() {
        StaggeredDidResult window = new StaggeredDid(ControlGroup.NEVER_TREATED)
                .withEventWindow(new StaggeredDid.EventWindow(-1, 2, null)).estimate(Mpdta.observations());
        assertEquals(List.of(-1, 0, 1, 2), window.dynamic().stream().map(StaggeredDidResult.EventTime::eventTime).toList());
        assertEquals(-0.0509573670651939, window.dynamic().get(2).att(), TOL);
        assertEquals(0.016893476268678, window.dynamic().get(2).se(), TOL);
        assertEquals((-0.0199318167892593 - 0.0509573670651939 - 0.137258738889403) / 3, window.dynamicOverall().att(), TOL);

        StaggeredDidResult balanced = new StaggeredDid(ControlGroup.NEVER_TREATED)
                .withEventWindow(new StaggeredDid.EventWindow(null, null, 1)).estimate(Mpdta.observations());
        assertEquals(List.of(-2, -1, 0, 1), balanced.dynamic().stream().map(StaggeredDidResult.EventTime::eventTime).toList());
        long n2004 = Mpdta.observations().stream().filter(o -> o.period() == 2003 && o.cohort() == 2004).count();
        long n2006 = Mpdta.observations().stream().filter(o -> o.period() == 2003 && o.cohort() == 2006).count();
        assertEquals(20, n2004);
        assertEquals(40, n2006);
        assertEquals(0.00652011242423301, balanced.dynamic().get(0).att(), TOL); // ATT(2006, 2004) alone
        assertEquals(-0.00275081875051882, balanced.dynamic().get(1).att(), TOL); // ATT(2006, 2005) alone
        double e0 = (20 * -0.0105032462209624 + 40 * -0.00459460695286304) / 60;
        double e1 = (20 * -0.0704231581031467 + 40 * -0.0412244715462175) / 60;
        assertEquals(e0, balanced.dynamic().get(2).att(), TOL);
        assertEquals(e1, balanced.dynamic().get(3).att(), TOL);
        assertEquals((e0 + e1) / 2, balanced.dynamicOverall().att(), TOL);

        DomainException empty = assertThrows(DomainException.class, () -> new StaggeredDid(ControlGroup.NEVER_TREATED)
                .withEventWindow(new StaggeredDid.EventWindow(5, 9, null)).estimate(Mpdta.observations()));
        assertEquals(DomainException.Kind.UNPROCESSABLE, empty.kind());
        StaggeredDidResult preOnly = new StaggeredDid(ControlGroup.NEVER_TREATED)
                .withEventWindow(new StaggeredDid.EventWindow(-3, -1, null)).estimate(Mpdta.observations());
        assertEquals(null, preOnly.dynamicOverall());
    }

    @Test
    void mpdtaNotYetTreatedMatchesRDid() {
        StaggeredDidResult r = new StaggeredDid(ControlGroup.NOT_YET_TREATED).estimate(Mpdta.observations());
        assertAttGt(NOT_YET_TREATED_ATT_GT, r);
        assertEffect(-0.0397636256230437, 0.0120524247873419, r.simple());
        double[][] dynamic = {
                {-3, 0.0297593647610311, 0.0145335416386514},
                {-2, -0.00244615388606511, 0.0131203504342708},
                {-1, -0.0242689034145076, 0.0144636816758019},
                {0, -0.0189221990834249, 0.0120445686892691},
                {1, -0.0535893473848319, 0.016946385539125},
                {2, -0.136274346328678, 0.03540338496891},
                {3, -0.100811363085404, 0.0343592258346733}};
        assertDynamic(dynamic, r);
        assertEffect(-0.0773993139705847, 0.0195601769463944, r.dynamicOverall());
        double[][] cohorts = {
                {2004, -0.0836942930380162, 0.0257015997680069},
                {2006, -0.0182817976131207, 0.0159222358245001},
                {2007, -0.0260544107191966, 0.0166554353492522}};
        assertCohorts(cohorts, r);
        assertEffect(-0.030462228112565, 0.0125751201316818, r.cohortOverall());
        // aggte(type = "calendar") (ref_aggte.csv, mpdta_nyt_dr)
        double[][] calendar = {
                {2004, -0.0193723636759221, 0.0223101128836806},
                {2005, -0.0783190990620607, 0.0303902285433972},
                {2006, -0.0423175312295752, 0.0190562576431668},
                {2007, -0.0370593399359766, 0.0137470791411185}};
        assertCalendar(calendar, r);
        assertEffect(-0.0442670834758837, 0.0155709044211449, r.calendarOverall());
    }

    /*
     * Hand panel, periods 1..3:      y1  y2  y3
     *   A  cohort 2                  10  14  15
     *   B  cohort 3                  20  21  26
     *   C  never                      5   6   8
     *   D  never                      7   9  10
     * Never-treated controls {C, D}:
     *   ATT(2,2) base 1: ΔA = 4;  ΔC = 1, ΔD = 2 → η₀ = 1.5 → 2.5
     *   ATT(2,3) base 1: ΔA = 5;  ΔC = 3, ΔD = 3 → 3   → 2
     *   ATT(3,2) base 1 (pre-period, varying base): ΔB = 1; 1.5 → -0.5
     *   ATT(3,3) base 2: ΔB = 5;  ΔC = 2, ΔD = 1 → 1.5 → 3.5
     *   SE of ATT(2,2): subset {A, C, D}, n = 4, n_gt = 3, p = 1/3; 2×2 ψ: A 0, C −(1−1.5)/(2/3) = 0.75,
     *   D −0.75; scaled by n/n_gt = 4/3 → 1, −1; SE = √2 / 4 = 0.353553.
     *   simple: post cells (2,2),(2,3),(3,3), equal cohort sizes → (2.5 + 2 + 3.5)/3 = 8/3
     *   dynamic: e=-1 → -0.5; e=0 → (2.5 + 3.5)/2 = 3; e=1 → 2; overall (e ≥ 0) = 2.5
     *   by cohort: 2 → (2.5 + 2)/2 = 2.25; 3 → 3.5; overall = 2.875
     * Not-yet-treated, ATT(2,2): max(t, base) = 2 so B (cohort 3) joins: η₀ = (1 + 1 + 2)/3 → 4 − 4/3 = 8/3.
     */
    private static List<PanelObservation> handPanel(double shift) {
        List<PanelObservation> rows = new ArrayList<>();
        add(rows, "A", 2, shift, 10, 14, 15);
        add(rows, "B", 3, shift, 20, 21, 26);
        add(rows, "C", 0, shift, 5, 6, 8);
        add(rows, "D", 0, shift, 7, 9, 10);
        return rows;
    }

    private static void add(List<PanelObservation> rows, String unit, int cohort, double shift, double... y) {
        for (int t = 0; t < y.length; t++) {
            rows.add(new PanelObservation(unit, t + 1, cohort, y[t] + shift));
        }
    }

    @Test
    void handComputedPanel() {
        StaggeredDidResult r = new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(handPanel(0));
        assertAttGt(new double[][]{{2, 2, 2.5, Math.sqrt(2) / 4}}, r, 1e-12);
        assertEquals(2.0, cell(r, 2, 3).att(), 1e-12);
        assertEquals(-0.5, cell(r, 3, 2).att(), 1e-12);
        assertEquals(1, cell(r, 3, 2).basePeriod());
        assertEquals(3.5, cell(r, 3, 3).att(), 1e-12);
        assertEquals(2, cell(r, 3, 3).basePeriod());
        assertEquals(8.0 / 3, r.simple().att(), 1e-12);
        assertEquals(-0.5, r.dynamic().get(0).att(), 1e-12);
        assertEquals(3.0, r.dynamic().get(1).att(), 1e-12);
        assertEquals(2.0, r.dynamic().get(2).att(), 1e-12);
        assertEquals(2.5, r.dynamicOverall().att(), 1e-12);
        assertEquals(2.25, r.byCohort().get(0).att(), 1e-12);
        assertEquals(2.875, r.cohortOverall().att(), 1e-12);

        StaggeredDidResult nyt = new StaggeredDid(ControlGroup.NOT_YET_TREATED).estimate(handPanel(0));
        assertEquals(8.0 / 3, cell(nyt, 2, 2).att(), 1e-12);
        assertEquals(2.0, cell(nyt, 2, 3).att(), 1e-12);
    }

    @Test
    void eachCellIsThe2x2OfItsCohortAndControls() {
        StaggeredDidResult r = new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(Mpdta.observations());
        List<DidUnit> units = new ArrayList<>();
        for (Mpdta.County c : Mpdta.counties()) {
            if (c.firstTreat() == 2006 || c.firstTreat() == 0) {
                units.add(new DidUnit(c.id(), c.firstTreat() == 2006, c.lemp(2005), c.lemp(2007)));
            }
        }
        DidEstimate two = new DiffInDiff().estimate(units);
        assertEquals(two.att(), cell(r, 2006, 2007).att(), 1e-12);
        assertEquals(two.se(), cell(r, 2006, 2007).se(), 1e-12);
    }

    @Test
    void addingAConstantToEveryOutcomeLeavesEveryEffectUnchanged() {
        for (ControlGroup control : ControlGroup.values()) {
            StaggeredDidResult base = new StaggeredDid(control).estimate(handPanel(0));
            StaggeredDidResult shifted = new StaggeredDid(control).estimate(handPanel(123.25));
            for (int k = 0; k < base.attGt().size(); k++) {
                assertEquals(base.attGt().get(k).att(), shifted.attGt().get(k).att(), 1e-9);
                assertEquals(base.attGt().get(k).se(), shifted.attGt().get(k).se(), 1e-9);
            }
            assertEquals(base.simple().att(), shifted.simple().att(), 1e-9);
            assertEquals(base.simple().se(), shifted.simple().se(), 1e-9);
        }
    }

    @Test
    void notEstimableIsUnprocessableNamingTheReason() {
        List<PanelObservation> onlyNever = List.of(new PanelObservation("a", 1, 0, 1), new PanelObservation("a", 2, 0, 2),
                new PanelObservation("b", 1, 0, 1), new PanelObservation("b", 2, 0, 3));
        assertUnprocessable(ControlGroup.NEVER_TREATED, onlyNever, "no treated cohort");

        List<PanelObservation> noNever = List.of(new PanelObservation("a", 1, 2, 1), new PanelObservation("a", 2, 2, 2),
                new PanelObservation("b", 1, 3, 1), new PanelObservation("b", 2, 3, 3), new PanelObservation("b", 3, 3, 5),
                new PanelObservation("a", 3, 2, 4));
        assertUnprocessable(ControlGroup.NEVER_TREATED, noNever, "no never-treated unit");
        // not-yet-treated: cohort 3 has no comparison in period 3 (everyone treated by then)
        assertUnprocessable(ControlGroup.NOT_YET_TREATED, noNever, "cohort 2 has no comparison unit in period 3");

        List<PanelObservation> unbalanced = new ArrayList<>(handPanel(0));
        unbalanced.remove(4); // B, period 2
        assertUnprocessable(ControlGroup.NEVER_TREATED, unbalanced, "unit B has no observation in period 2");

        assertUnprocessable(ControlGroup.NEVER_TREATED, List.of(new PanelObservation("a", 1, 2, 1),
                new PanelObservation("a", 2, 2, 1)), "at least 2 units");
        assertUnprocessable(ControlGroup.NEVER_TREATED, List.of(new PanelObservation("a", 1, 2, 1),
                new PanelObservation("b", 1, 0, 1)), "at least 2 periods");
    }

    @Test
    void inconsistentRowsAreBadInput() {
        List<PanelObservation> duplicate = new ArrayList<>(handPanel(0));
        duplicate.add(new PanelObservation("A", 2, 2, 99));
        var e = assertThrows(DomainException.class, () -> new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(duplicate));
        assertEquals(DomainException.Kind.INVALID, e.kind());
        assertEquals("observations[12].period", e.errors().get(0).field());

        List<PanelObservation> cohortChanges = new ArrayList<>(handPanel(0));
        cohortChanges.set(1, new PanelObservation("A", 2, 3, 14));
        var c = assertThrows(DomainException.class, () -> new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(cohortChanges));
        assertEquals("observations[1].cohort", c.errors().get(0).field());
    }

    @Test
    void alwaysTreatedUnitsAreDroppedAndLateCohortsCountAsNeverTreated() {
        List<PanelObservation> rows = new ArrayList<>(handPanel(0));
        add(rows, "E", 1, 0, 100, 50, 0);   // treated in the first period: no information, dropped (as in did)
        StaggeredDidResult r = new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(rows);
        assertEquals(4, r.units());
        assertEquals(2.5, cell(r, 2, 2).att(), 1e-12);

        List<PanelObservation> late = new ArrayList<>(handPanel(0));
        add(late, "F", 9, 0, 0, 1, 2);      // enrols after the last period: a never-treated comparison here
        StaggeredDidResult l = new StaggeredDid(ControlGroup.NEVER_TREATED).estimate(late);
        assertEquals(5, l.units());
        assertEquals(2, l.byCohort().size());
        assertEquals(4 - (1 + 2 + 1) / 3.0, cell(l, 2, 2).att(), 1e-12);
    }

    private static StaggeredDidResult.GroupTime cell(StaggeredDidResult r, int g, int t) {
        return r.attGt().stream().filter(c -> c.cohort() == g && c.period() == t).findFirst().orElseThrow();
    }

    private static void assertAttGt(double[][] expected, StaggeredDidResult r) {
        assertEquals(expected.length, r.attGt().size());
        assertAttGt(expected, r, TOL);
    }

    private static void assertAttGt(double[][] expected, StaggeredDidResult r, double tol) {
        for (double[] row : expected) {
            var c = cell(r, (int) row[0], (int) row[1]);
            assertEquals(row[2], c.att(), tol, "ATT(" + row[0] + "," + row[1] + ")");
            assertEquals(row[3], c.se(), tol, "SE(" + row[0] + "," + row[1] + ")");
        }
    }

    private static void assertDynamic(double[][] expected, StaggeredDidResult r) {
        assertEquals(expected.length, r.dynamic().size());
        for (int k = 0; k < expected.length; k++) {
            assertEquals((int) expected[k][0], r.dynamic().get(k).eventTime());
            assertEquals(expected[k][1], r.dynamic().get(k).att(), TOL, "dynamic att e=" + expected[k][0]);
            assertEquals(expected[k][2], r.dynamic().get(k).se(), TOL, "dynamic se e=" + expected[k][0]);
        }
    }

    private static void assertCalendar(double[][] expected, StaggeredDidResult r) {
        assertEquals(expected.length, r.calendar().size());
        for (int k = 0; k < expected.length; k++) {
            assertEquals((int) expected[k][0], r.calendar().get(k).period());
            assertEquals(expected[k][1], r.calendar().get(k).att(), TOL, "calendar att t=" + expected[k][0]);
            assertEquals(expected[k][2], r.calendar().get(k).se(), TOL, "calendar se t=" + expected[k][0]);
        }
    }

    private static void assertCohorts(double[][] expected, StaggeredDidResult r) {
        assertEquals(expected.length, r.byCohort().size());
        for (int k = 0; k < expected.length; k++) {
            assertEquals((int) expected[k][0], r.byCohort().get(k).cohort());
            assertEquals(expected[k][1], r.byCohort().get(k).att(), TOL);
            assertEquals(expected[k][2], r.byCohort().get(k).se(), TOL);
        }
    }

    private static void assertEffect(double att, double se, StaggeredDidResult.Effect e) {
        assertEquals(att, e.att(), TOL);
        assertEquals(se, e.se(), TOL);
    }

    private static void assertUnprocessable(ControlGroup control, List<PanelObservation> rows, String reason) {
        var e = assertThrows(DomainException.class, () -> new StaggeredDid(control).estimate(rows));
        assertEquals(DomainException.Kind.UNPROCESSABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
