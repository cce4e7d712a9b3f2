package org.i4tracker.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.i4tracker.evaluation.OutcomeObservation;
import org.i4tracker.evaluation.OutcomeSource;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Adds a simulated outcome, {@value #SIMULATED}, to the real assessment outcomes so that the staggered
 * event-time plot has several waves and cohorts to draw (the demo assessments have only T0 and T1): four
 * yearly waves of an overall score, a common trend of +1.5 points per wave, and for participants +6
 * points from the first wave after enrolment, growing by 2 per wave. Every other outcome is answered
 * by the service's own {@link OutcomeSource} (the validated assessments).
 */
@Singleton
@Requires(property = "i4.test.dashboard-outcomes", value = "true")
@io.micronaut.context.annotation.Primary
class DashboardOutcomes implements OutcomeSource {

    static final List<LocalDate> WAVES = List.of(LocalDate.of(2022, 12, 1), LocalDate.of(2024, 1, 15),
            LocalDate.of(2025, 1, 15), LocalDate.of(2026, 1, 15));

    static final String SIMULATED = "simulated-overall";

    private final List<OutcomeObservation> overall = new CopyOnWriteArrayList<>();
    private final ApplicationContext context;

    DashboardOutcomes(ApplicationContext context) {
        this.context = context;
    }

    /** The service's own outcome source (assessment outcomes), which this bean takes precedence over. */
    private OutcomeSource real() {
        return context.getBeansOfType(OutcomeSource.class).stream().filter(s -> !(s instanceof DashboardOutcomes)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no assessment outcome source in the context"));
    }

    /** Scores for every firm of the population; enrolment days of the participants by firm id. */
    void simulate(Collection<Long> firms, Map<Long, LocalDate> enrolledOn) {
        for (long firm : firms) {
            double base = 35 + (firm * 37 % 11) - ((firm * 13) % 7) * 0.5;
            LocalDate enrolled = enrolledOn.get(firm);
            int cohort = enrolled == null ? -1 : firstWaveOnOrAfter(enrolled);
            for (int wave = 0; wave < WAVES.size(); wave++) {
                double effect = cohort >= 0 && wave >= cohort ? 6 + 2 * (wave - cohort) : 0;
                double noise = ((firm * 31 + wave * 17) % 9 - 4) * 0.4;
                overall.add(new OutcomeObservation(firm, wave, WAVES.get(wave), base + 1.5 * wave + effect + noise));
            }
        }
    }

    private static int firstWaveOnOrAfter(LocalDate day) {
        for (int w = 0; w < WAVES.size(); w++) {
            if (!WAVES.get(w).isBefore(day)) {
                return w;
            }
        }
        return -1;
    }

    @Override
    public List<String> outcomes() {
        List<String> names = new java.util.ArrayList<>(real().outcomes());
        names.add(SIMULATED);
        return names;
    }

    @Override
    public List<OutcomeObservation> observations(Collection<Long> firmIds, String outcome) {
        return outcome.equals(SIMULATED) ? overall.stream().filter(o -> firmIds.contains(o.firmId())).toList()
                : real().observations(firmIds, outcome);
    }
}
