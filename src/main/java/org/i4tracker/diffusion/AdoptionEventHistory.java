package org.i4tracker.diffusion;

import jakarta.inject.Singleton;
import org.i4tracker.common.Chunks;
import org.i4tracker.evaluation.AdoptionHistory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Adoption events for programme evaluation with adoption as the outcome. */
@Singleton
class AdoptionEventHistory implements AdoptionHistory {

    /** Firm ids per IN list: keeps statements well under database parameter limits. */
    private static final int CHUNK = 1000;

    private final AdoptionRepository adoptions;

    AdoptionEventHistory(AdoptionRepository adoptions) {
        this.adoptions = adoptions;
    }

    @Override
    public List<AdoptionDate> adoptions(Collection<Long> firmIds, String technologyCode) {
        List<AdoptionDate> out = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(firmIds), CHUNK)) {
            List<Adoption> found = technologyCode == null ? adoptions.findByFirmIdIn(chunk)
                    : adoptions.findByTechnologyCodeAndFirmIdIn(technologyCode, chunk);
            found.forEach(a -> out.add(new AdoptionDate(a.firmId(), a.technologyCode(), a.adoptedOn())));
        }
        return out;
    }
}
