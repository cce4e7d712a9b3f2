package org.i4tracker.benchmark;

import org.i4tracker.common.DomainException;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixed hierarchy of peer groups, finest first. Each level's group lies inside the group of the
 * next level (a district lies in one region, so the groups form a tree); only these five groups are
 * ever offered — never arbitrary filter combinations — which is what lets {@link PeerGroups} rule
 * out differencing between groups. The sector is the NACE division of the firm's code (e.g. 15.20 → 15).
 */
public enum PeerGroupLevel {
    DISTRICT_SECTOR_SIZE("district,sector,size"),
    DISTRICT_SECTOR("district,sector"),
    DISTRICT("district"),
    REGION("region"),
    ALL("all");

    private final String filters;

    PeerGroupLevel(String filters) {
        this.filters = filters;
    }

    public String filters() {
        return filters;
    }

    /** The next coarser level, or null for ALL. */
    public PeerGroupLevel coarser() {
        return this == ALL ? null : values()[ordinal() + 1];
    }

    /**
     * Reads the {@code peers} query parameter: a comma-separated set of filters naming one level of the
     * hierarchy in any order ("size,district,sector" = DISTRICT_SECTOR_SIZE); empty or absent means the
     * finest level. Other combinations (e.g. "sector,size" alone) are rejected with 400.
     */
    public static PeerGroupLevel parse(String peers) {
        if (peers == null || peers.isBlank()) {
            return DISTRICT_SECTOR_SIZE;
        }
        Set<String> asked = new TreeSet<>();
        for (String part : peers.split(",")) {
            asked.add(part.strip().toLowerCase());
        }
        for (PeerGroupLevel level : values()) {
            if (asked.equals(new TreeSet<>(Arrays.asList(level.filters.split(","))))) {
                return level;
            }
        }
        throw DomainException.invalid("peers", "must name one level of the peer-group hierarchy: "
                + "district,sector,size | district,sector | district | region | all (got '" + peers + "')");
    }
}
