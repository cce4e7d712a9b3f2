package org.i4tracker.demo;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.AdoptionsObserved;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Adoption histories for the demo firms: every technology a firm has in use gets an adoption date
 * drawn from a logistic distribution around the technology's diffusion midpoint (earlier for ERP,
 * later for AI and digital twins), a little earlier for larger firms — so district curves are
 * S-shaped and Bass fits have data.
 */
@Singleton
class DemoAdoptionStep implements DemoStep {

    /** Year in which half of eventual adopters had adopted, and the logistic scale in years. */
    private static final Map<String, double[]> MIDPOINT = Map.of(
            "ERP_MES", new double[]{2014.5, 2.0}, "CLOUD", new double[]{2018.0, 1.8}, "B2B_PLATFORM", new double[]{2017.5, 2.0},
            "CYBERSECURITY", new double[]{2019.5, 1.6}, "ROBOTICS", new double[]{2018.5, 2.2},
            "ADDITIVE_MANUFACTURING", new double[]{2020.0, 1.8}, "DATA_ANALYTICS_AI", new double[]{2021.5, 1.5},
            "DIGITAL_TWIN", new double[]{2022.0, 1.4}, "CONNECTED_MACHINES", new double[]{2020.5, 1.7});

    private final ApplicationEventPublisher<AdoptionsObserved> adoptions;
    private final FirmService firms;

    DemoAdoptionStep(ApplicationEventPublisher<AdoptionsObserved> adoptions, FirmService firms) {
        this.adoptions = adoptions;
        this.firms = firms;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void load(DemoRegion demo) {
        Random random = demo.random();
        LocalDate today = LocalDate.of(2025, 10, 31);
        List<AdoptionObserved> observed = new ArrayList<>();
        for (Firm firm : demo.firms()) {
            for (String technology : firms.view(firm.id()).capabilities().technologies()) {
                double[] curve = MIDPOINT.getOrDefault(technology, new double[]{2019.0, 2.0});
                double u = Math.min(0.999, Math.max(0.001, random.nextDouble()));
                double year = curve[0] + curve[1] * Math.log(u / (1 - u)) - Math.min(1.5, firm.employees() / 300.0);
                LocalDate date = LocalDate.of(2005, 1, 1).plusDays((long) ((Math.max(2005.0, year) - 2005.0) * 365.25));
                if (date.isAfter(today)) {
                    date = today.minusDays(random.nextInt(200));
                }
                observed.add(new AdoptionObserved(firm.id(), technology, date, AdoptionObserved.Source.MANUAL, null,
                        "demo adoption history"));
            }
        }
        // The diffusion feature records the list on this thread and transaction, as for assessments.
        adoptions.publishEvent(new AdoptionsObserved(observed));
    }
}
