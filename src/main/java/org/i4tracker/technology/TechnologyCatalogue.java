package org.i4tracker.technology;

import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.List;
import java.util.Optional;

/**
 * The public face of the technology catalogue for other features: look a technology up by
 * code and seed the default list of DESIGN.md §2 into an empty catalogue.
 */
@Singleton
public class TechnologyCatalogue {

    /** The technologies tracked out of the box (DESIGN.md §2), in the project's own words. */
    static final List<Technology> DEFAULTS = List.of(
            new Technology(null, "ERP_MES", "ERP/MES integration", "Enterprise resource planning linked to manufacturing execution", null),
            new Technology(null, "CONNECTED_MACHINES", "Connected machines / IIoT", "Machines reporting state and counts over a network", null),
            new Technology(null, "ADDITIVE_MANUFACTURING", "Additive manufacturing", "3D printing of prototypes, tools or parts", null),
            new Technology(null, "ROBOTICS", "Robotics and cobots", "Industrial robots or collaborative robots on the shop floor", null),
            new Technology(null, "CLOUD", "Cloud services", "Business or production software run as cloud services", null),
            new Technology(null, "DATA_ANALYTICS_AI", "Data analytics and AI", "Statistical analysis, machine learning or AI on operational data", null),
            new Technology(null, "DIGITAL_TWIN", "Digital twin", "A virtual model of a product, process or plant kept in step with it", null),
            new Technology(null, "B2B_PLATFORM", "E-commerce / B2B platform", "Selling or buying through digital platforms", null),
            new Technology(null, "CYBERSECURITY", "Cybersecurity practice", "Managed security controls, backups and incident response", null));

    private final TechnologyRepository repository;

    TechnologyCatalogue(TechnologyRepository repository) {
        this.repository = repository;
    }

    public Optional<Technology> findByCode(String code) {
        return repository.findByCode(code);
    }

    public Technology require(String code, String field) {
        return repository.findByCode(code).orElseThrow(() -> DomainException.invalid(field,
                "unknown technology '" + code + "'; see GET /api/v1/technologies"));
    }

    public List<Technology> all() {
        return repository.findAll();
    }

    /** Adds the default technologies to an empty catalogue; returns how many were added. */
    public int seedDefaults() {
        if (repository.count() > 0) {
            return 0;
        }
        repository.saveAll(DEFAULTS);
        return DEFAULTS.size();
    }
}
