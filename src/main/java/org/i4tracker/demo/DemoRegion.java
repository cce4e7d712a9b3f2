package org.i4tracker.demo;

import org.i4tracker.actor.Firm;
import org.i4tracker.actor.Institution;
import org.i4tracker.district.District;
import org.i4tracker.district.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What the demo steps have created so far, and the seeded random source they share. */
final class DemoRegion {

    private final Random random;
    final List<Region> regions = new ArrayList<>();
    final List<District> districts = new ArrayList<>();
    final List<Firm> firms = new ArrayList<>();
    final List<Institution> institutions = new ArrayList<>();

    DemoRegion(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** The agency's region (Comunitat Valenciana), home of the footwear, toy and ceramic-tile districts. */
    public Region agencyRegion() {
        return regions.stream().filter(r -> r.code().equals("ES52")).findFirst().orElseThrow();
    }

    public List<Region> regions() {
        return List.copyOf(regions);
    }

    public List<District> districts() {
        return List.copyOf(districts);
    }

    public List<Firm> firms() {
        return List.copyOf(firms);
    }

    public List<Institution> institutions() {
        return List.copyOf(institutions);
    }
}
