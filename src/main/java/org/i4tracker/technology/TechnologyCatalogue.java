package org.i4tracker.technology;

import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.List;
import java.util.Optional;

/**
 * The public face of the technology catalogue for other features: look a technology up by code.
 * The default list of DESIGN.md §2 is seeded by migration {@code V2__technology_catalogue.sql}.
 */
@Singleton
public class TechnologyCatalogue {

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
}
