package org.i4tracker.demo;

import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.Institution;
import org.i4tracker.district.District;
import org.i4tracker.programme.Eligibility;
import org.i4tracker.programme.EnrolmentRegistry;
import org.i4tracker.programme.EnrolmentView;
import org.i4tracker.programme.ProgrammeRegistry;
import org.i4tracker.programme.ProgrammeRequest;
import org.i4tracker.programme.ProgrammeServiceType;
import org.i4tracker.programme.ProgrammeView;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo programme (seed 002): a regional Industry 4.0 programme of the Valencian agency,
 * delivered by the three district institutes, with a co-designed adaptation per district.
 * Firms enrol in staggered quarterly cohorts from 2022 to 2024 — larger firms and firms already
 * linked to their institute are likelier to join — so uptake curves and staggered
 * difference-in-differences have something to show on the first run.
 */
@Singleton
class DemoProgrammeStep implements DemoStep {

    private final ProgrammeRegistry programmes;
    private final EnrolmentRegistry enrolments;

    DemoProgrammeStep(ProgrammeRegistry programmes, EnrolmentRegistry enrolments) {
        this.programmes = programmes;
        this.enrolments = enrolments;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void load(DemoRegion demo) {
        Random random = demo.random();
        long region = demo.agencyRegion().id();
        List<Institution> rtis = demo.institutions().stream()
                .filter(i -> i.kind() == Institution.Kind.RTI && i.regionId().equals(region)).toList();
        List<ProgrammeServiceType> services = List.of(ProgrammeServiceType.DIGITAL_AUDIT, ProgrammeServiceType.TRAINING,
                ProgrammeServiceType.PILOT_PLANT_ACCESS, ProgrammeServiceType.CO_FUNDED_PROJECT);
        ProgrammeView.CoFunding funding = new ProgrammeView.CoFunding(new BigDecimal("60"), new BigDecimal("40"));
        ProgrammeView base = programmes.create(new ProgrammeRequest("CV-I40", "Comunitat Valenciana Industry 4.0 districts programme",
                "Regional base programme: digital audits, training, pilot-plant access and co-funded projects for district SMEs",
                region, null, null, LocalDate.of(2022, 1, 1), LocalDate.of(2026, 12, 31),
                rtis.stream().map(Institution::id).toList(), services,
                new Eligibility(List.of(region), List.of(), List.of(), List.of(), LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31)),
                funding, null));
        for (District district : demo.districts()) {
            if (!district.regionId().equals(region)) {
                continue;
            }
            List<Long> districtRti = rtis.stream().filter(r -> district.id().equals(r.districtId())).map(Institution::id).toList();
            ProgrammeView adaptation = programmes.create(new ProgrammeRequest("CV-I40-" + district.naceCode().replace(".", ""),
                    "Industry 4.0 programme — " + district.name(), "District adaptation co-designed with the district's institute",
                    region, base.id(), district.id(), LocalDate.of(2022, 1, 1), LocalDate.of(2026, 12, 31), districtRti, services,
                    new Eligibility(List.of(), List.of(district.id()), List.of(), List.of(), LocalDate.of(2022, 1, 1),
                            LocalDate.of(2025, 12, 31)), funding, null));
            for (Firm firm : demo.firms()) {
                if (!firm.districtId().equals(district.id())) {
                    continue;
                }
                double propensity = 0.25 + Math.min(0.35, firm.employees() / 400.0);
                if (random.nextDouble() < propensity) {
                    LocalDate enrolled = LocalDate.of(2022 + random.nextInt(3), 1 + 3 * random.nextInt(4), 1 + random.nextInt(28));
                    List<EnrolmentView.ServiceUsed> used = new ArrayList<>();
                    used.add(new EnrolmentView.ServiceUsed(ProgrammeServiceType.DIGITAL_AUDIT, enrolled.plusDays(14)));
                    if (random.nextDouble() < 0.6) {
                        used.add(new EnrolmentView.ServiceUsed(ProgrammeServiceType.TRAINING, enrolled.plusMonths(2)));
                    }
                    if (random.nextDouble() < 0.25) {
                        used.add(new EnrolmentView.ServiceUsed(ProgrammeServiceType.CO_FUNDED_PROJECT, enrolled.plusMonths(4)));
                    }
                    enrolments.enrol(adaptation.id(), firm.id(), enrolled, used);
                }
            }
        }
    }
}
