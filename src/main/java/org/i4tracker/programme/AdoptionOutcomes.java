package org.i4tracker.programme;

import org.i4tracker.common.Check;
import org.i4tracker.evaluation.AdoptionHistory.AdoptionDate;
import org.i4tracker.evaluation.OutcomeObservation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Technology adoption as a programme outcome (issue 20 §3), per calendar year: the observation of
 * firm i in year t is measured on 31 December of t, so that a firm enrolled during year g belongs
 * to cohort g and its base period is g − 1.
 * <ul>
 * <li>{@code adoption}: Y_it = 1 if the firm adopted the technology on or before 31 December of t, else 0
 *     (the ATT is then a difference in adoption probability, in percentage points / 100);</li>
 * <li>{@code technologies}: Y_it = the number of catalogue technologies the firm adopted on or before
 *     31 December of t.</li>
 * </ul>
 * Every firm of the population is observed in every year of the window: a firm without an adoption
 * event has not adopted (0), which is what the adoption register asserts.
 */
final class AdoptionOutcomes {

    static final String ADOPTION = "adoption";
    static final String TECHNOLOGIES = "technologies";
    /** Longest window, in years: bounds the panel a request can ask for. */
    static final int MAX_YEARS = 50;

    private AdoptionOutcomes() {
    }

    static boolean isAdoption(String outcome) {
        return ADOPTION.equals(outcome) || TECHNOLOGIES.equals(outcome);
    }

    /** Checks a window of years [from, to]: at least two years, at most {@link #MAX_YEARS}. */
    static void checkWindow(int from, int to) {
        Check.range(from, 1900, 2999, "from");
        Check.range(to, 1900, 2999, "to");
        Check.that(from < to, "to", "must be a later year than from (" + from + ")");
        Check.that(to - from < MAX_YEARS, "to", "the window may span at most " + MAX_YEARS + " years");
    }

    /**
     * Yearly observations of every firm from {@code from} to {@code to} (inclusive).
     *
     * @param events    adoption events of the firms (only those in {@code counted} are counted)
     * @param counted   technology codes that count: the one technology, or the catalogue
     */
    static List<OutcomeObservation> yearly(Collection<Long> firms, List<AdoptionDate> events, Set<String> counted, int from, int to) {
        Map<Long, int[]> adoptedBy = new HashMap<>();
        for (AdoptionDate e : events) {
            if (!counted.contains(e.technologyCode())) {
                continue;
            }
            int[] perYear = adoptedBy.computeIfAbsent(e.firmId(), f -> new int[to - from + 1]);
            int first = Math.max(from, e.adoptedOn().getYear());
            for (int year = first; year <= to; year++) {
                perYear[year - from]++;
            }
        }
        List<OutcomeObservation> out = new ArrayList<>(firms.size() * (to - from + 1));
        for (long firm : firms) {
            int[] perYear = adoptedBy.get(firm);
            for (int year = from; year <= to; year++) {
                out.add(new OutcomeObservation(firm, year, LocalDate.of(year, 12, 31), perYear == null ? 0 : perYear[year - from]));
            }
        }
        return out;
    }
}
