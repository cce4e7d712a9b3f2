package org.i4tracker.demo;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.Institution;
import org.i4tracker.district.District;
import org.i4tracker.telemetry.Machine;
import org.i4tracker.telemetry.Plant;
import org.i4tracker.telemetry.PlantRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;

/**
 * Demo pilot plant (with {@code i4.mqtt.enabled=true} and the demo data): plant {@value #PLANT} of
 * the largest firm of the Elche-Elda footwear district (NACE 15.20), run with that district's RTI,
 * with machines m1..m{@value #MACHINES} (ideal cycle 850 ms). {@link DemoPlantSimulator} feeds it.
 * Draws nothing from the demo random source, so the rest of the demo data set is unchanged.
 */
@Singleton
@Requires(property = "i4.mqtt.enabled", value = "true")
@Requires(property = "i4.demo.enabled", value = "true")
class DemoPlantStep implements DemoStep {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPlantStep.class);
    static final String PLANT = "DEMO-PLANT";
    static final int MACHINES = 3;
    static final long IDEAL_CYCLE_MS = 850;
    static final String FOOTWEAR_NACE = "15.20";

    private final PlantRegistration plants;

    DemoPlantStep(PlantRegistration plants) {
        this.plants = plants;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void load(DemoRegion region) {
        District footwear = region.districts().stream().filter(d -> d.naceCode().equals(FOOTWEAR_NACE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("demo data has no footwear district (NACE " + FOOTWEAR_NACE + ")"));
        Institution rti = region.institutions().stream()
                .filter(i -> i.kind() == Institution.Kind.RTI && footwear.id().equals(i.districtId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("demo footwear district has no RTI"));
        Firm firm = region.firms().stream().filter(f -> f.districtId().equals(footwear.id()))
                .max(Comparator.comparingInt(Firm::employees).thenComparing(Firm::id, Comparator.reverseOrder()))
                .orElseThrow(() -> new IllegalStateException("demo footwear district has no firm"));
        Plant plant = plants.addPlant(new Plant(null, PLANT, "Demo pilot plant " + firm.name(), firm.id(), rti.id(), null));
        for (int m = 1; m <= MACHINES; m++) {
            plants.addMachine(new Machine(null, plant.id(), "m" + m, "Demo machine m" + m, IDEAL_CYCLE_MS, null, null));
        }
        LOG.info("demo plant created id={} code={} firm={} rti={} machines={}", plant.id(), PLANT, firm.id(), rti.id(), MACHINES);
    }
}
