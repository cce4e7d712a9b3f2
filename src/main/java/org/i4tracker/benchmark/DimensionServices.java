package org.i4tracker.benchmark;

import org.i4tracker.programme.ProgrammeServiceType;

import java.util.List;
import java.util.Map;

import static org.i4tracker.programme.ProgrammeServiceType.CONSULTANCY;
import static org.i4tracker.programme.ProgrammeServiceType.CO_FUNDED_PROJECT;
import static org.i4tracker.programme.ProgrammeServiceType.DIGITAL_AUDIT;
import static org.i4tracker.programme.ProgrammeServiceType.NETWORK_BROKERAGE;
import static org.i4tracker.programme.ProgrammeServiceType.PILOT_PLANT_ACCESS;
import static org.i4tracker.programme.ProgrammeServiceType.TECHNOLOGY_WATCH;
import static org.i4tracker.programme.ProgrammeServiceType.TRAINING;

/**
 * Which programme services address a weak dimension of the digital-maturity model, following the
 * service menu of seeds 002/003:
 * <ul>
 *   <li>DIGITAL_BUSINESS_STRATEGY → DIGITAL_AUDIT, CONSULTANCY (a plan starts from an audit)</li>
 *   <li>DIGITAL_READINESS → DIGITAL_AUDIT, PILOT_PLANT_ACCESS, CO_FUNDED_PROJECT, TECHNOLOGY_WATCH</li>
 *   <li>HUMAN_CENTRIC_DIGITALISATION → TRAINING, CONSULTANCY</li>
 *   <li>DATA_MANAGEMENT → CONSULTANCY, TRAINING, PILOT_PLANT_ACCESS</li>
 *   <li>AUTOMATION_AI → PILOT_PLANT_ACCESS, CO_FUNDED_PROJECT, TECHNOLOGY_WATCH</li>
 *   <li>GREEN_DIGITALISATION → CONSULTANCY, CO_FUNDED_PROJECT, NETWORK_BROKERAGE</li>
 *   <li>any other dimension (other models) → DIGITAL_AUDIT, CONSULTANCY</li>
 * </ul>
 */
final class DimensionServices {

    private static final Map<String, List<ProgrammeServiceType>> BY_DIMENSION = Map.of(
            "DIGITAL_BUSINESS_STRATEGY", List.of(DIGITAL_AUDIT, CONSULTANCY),
            "DIGITAL_READINESS", List.of(DIGITAL_AUDIT, PILOT_PLANT_ACCESS, CO_FUNDED_PROJECT, TECHNOLOGY_WATCH),
            "HUMAN_CENTRIC_DIGITALISATION", List.of(TRAINING, CONSULTANCY),
            "DATA_MANAGEMENT", List.of(CONSULTANCY, TRAINING, PILOT_PLANT_ACCESS),
            "AUTOMATION_AI", List.of(PILOT_PLANT_ACCESS, CO_FUNDED_PROJECT, TECHNOLOGY_WATCH),
            "GREEN_DIGITALISATION", List.of(CONSULTANCY, CO_FUNDED_PROJECT, NETWORK_BROKERAGE));

    private DimensionServices() {
    }

    static List<ProgrammeServiceType> addressing(String dimension) {
        return BY_DIMENSION.getOrDefault(dimension, List.of(DIGITAL_AUDIT, CONSULTANCY));
    }
}
