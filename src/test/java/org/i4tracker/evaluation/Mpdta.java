package org.i4tracker.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The R {@code did} package's example panel {@code mpdta}: teen employment in 500 US counties,
 * 2003–2007, with the year the state raised its minimum wage (2004, 2006, 2007; 0 = never).
 * The package stores lemp = ln(teen employment); the fixture keeps the integer counts, so
 * lemp is reproduced exactly. Transcribed from the mpdta rows published with the csdid
 * Python port (csdid/test_csdid/r_ref/mpdta_tvw.csv); every lemp was checked to be the log of
 * an integer within 6e-6 and the cohort sizes (20, 40, 131, 309) match the package's documentation.
 * <p>
 * {@code lpop} (log county population in 2000, time-invariant) is transcribed from the same file
 * into {@code mpdta-lpop.csv}, one row per county. The transcription is checked by the REG
 * estimator with ~lpop reproducing R did's ATT(g,t) to 1e-10 (StaggeredDidCovariatesTest): a single
 * wrong value would move those cells.
 */
final class Mpdta {

    record County(String id, int firstTreat, int[] employment, double lpop) {
        double lemp(int year) {
            return Math.log(employment[year - 2003]);
        }
    }

    private Mpdta() {
    }

    static List<County> counties() {
        Map<String, Double> lpop = new HashMap<>();
        for (String[] f : rows("mpdta-lpop.csv")) {
            lpop.put(f[0], Double.parseDouble(f[1]));
        }
        List<County> counties = new ArrayList<>();
        for (String[] f : rows("mpdta-teen-employment.csv")) {
            int[] emp = new int[5];
            for (int k = 0; k < 5; k++) {
                emp[k] = Integer.parseInt(f[2 + k]);
            }
            counties.add(new County(f[0], Integer.parseInt(f[1]), emp, Objects.requireNonNull(lpop.get(f[0]), f[0])));
        }
        return counties;
    }

    private static List<String[]> rows(String resource) {
        var in = Objects.requireNonNull(Mpdta.class.getResourceAsStream(resource), resource);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split(","));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PanelObservation> observations() {
        List<PanelObservation> rows = new ArrayList<>();
        for (County c : counties()) {
            for (int year = 2003; year <= 2007; year++) {
                rows.add(new PanelObservation(c.id(), year, c.firstTreat(), c.lemp(year)));
            }
        }
        return rows;
    }

    /** The panel with the covariate {@code lpop} on every row, as {@code att_gt(..., xformla = ~lpop)} uses it. */
    static List<PanelObservation> observationsWithLpop() {
        List<PanelObservation> rows = new ArrayList<>();
        for (County c : counties()) {
            for (int year = 2003; year <= 2007; year++) {
                rows.add(new PanelObservation(c.id(), year, c.firstTreat(), c.lemp(year), Map.of("lpop", c.lpop())));
            }
        }
        return rows;
    }
}
