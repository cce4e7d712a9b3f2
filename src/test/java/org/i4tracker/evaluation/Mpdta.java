package org.i4tracker.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The R {@code did} package's example panel {@code mpdta}: teen employment in 500 US counties,
 * 2003–2007, with the year the state raised its minimum wage (2004, 2006, 2007; 0 = never).
 * The package stores lemp = ln(teen employment); the fixture keeps the integer counts, so
 * lemp is reproduced exactly. Transcribed from the mpdta rows published with the csdid
 * Python port (csdid/test_csdid/r_ref/mpdta_tvw.csv); every lemp was checked to be the log of
 * an integer within 6e-6 and the cohort sizes (20, 40, 131, 309) match the package's documentation.
 */
final class Mpdta {

    record County(String id, int firstTreat, int[] employment) {
        double lemp(int year) {
            return Math.log(employment[year - 2003]);
        }
    }

    private Mpdta() {
    }

    static List<County> counties() {
        var in = Objects.requireNonNull(Mpdta.class.getResourceAsStream("mpdta-teen-employment.csv"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<County> counties = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                int[] emp = new int[5];
                for (int k = 0; k < 5; k++) {
                    emp[k] = Integer.parseInt(f[2 + k]);
                }
                counties.add(new County(f[0], Integer.parseInt(f[1]), emp));
            }
            return counties;
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
}
