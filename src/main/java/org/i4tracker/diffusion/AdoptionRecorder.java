package org.i4tracker.diffusion;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmRepository;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.Check;
import org.i4tracker.technology.TechnologyCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records adoption evidence: from other features through {@link AdoptionObserved} events, from the
 * manual entry API and from CSV imports. Each observation is stored (an identical repeat — same firm,
 * technology, day, source and reference — only once); the firm's adoption of the technology is
 * created by the first observation and moved to an earlier day when an earlier one arrives.
 */
@Singleton
class AdoptionRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AdoptionRecorder.class);

    private final AdoptionRepository adoptions;
    private final AdoptionObservationRepository observations;
    private final FirmRepository firms;
    private final TechnologyCatalogue technologies;

    AdoptionRecorder(AdoptionRepository adoptions, AdoptionObservationRepository observations, FirmRepository firms,
                     TechnologyCatalogue technologies) {
        this.adoptions = adoptions;
        this.observations = observations;
        this.firms = firms;
        this.technologies = technologies;
    }

    /** Checks the references of an observation without writing anything. */
    void check(AdoptionObserved event) {
        Check.that(firms.existsById(event.firmId()), "firmId", "firm " + event.firmId() + " does not exist");
        technologies.require(event.technologyCode(), "technologyCode");
    }

    @Transactional
    public Adoption record(AdoptionObserved event) {
        check(event);
        boolean repeat = event.reference() == null
                ? observations.existsByFirmIdAndTechnologyCodeAndObservedOnAndSourceAndReferenceIsNull(event.firmId(),
                        event.technologyCode(), event.date(), event.source())
                : observations.existsByFirmIdAndTechnologyCodeAndObservedOnAndSourceAndReference(event.firmId(),
                        event.technologyCode(), event.date(), event.source(), event.reference());
        if (!repeat) {
            observations.save(AdoptionObservation.of(event));
        }
        var existing = adoptions.findByFirmIdAndTechnologyCode(event.firmId(), event.technologyCode());
        if (existing.isPresent() && !event.date().isBefore(existing.get().adoptedOn())) {
            return existing.get();
        }
        Adoption adoption = existing
                .map(a -> adoptions.update(new Adoption(a.id(), a.firmId(), a.technologyCode(), event.date(), event.source(),
                        event.programmeId(), event.reference(), a.version())))
                .orElseGet(() -> adoptions.save(new Adoption(null, event.firmId(), event.technologyCode(), event.date(),
                        event.source(), event.programmeId(), event.reference(), null)));
        LOG.info("adoption recorded id={} firm={} technology={} date={} source={}", adoption.id(), adoption.firmId(),
                adoption.technologyCode(), adoption.adoptedOn(), adoption.source());
        return adoption;
    }
}
