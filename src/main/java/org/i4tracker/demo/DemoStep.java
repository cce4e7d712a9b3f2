package org.i4tracker.demo;

/**
 * One part of the demo data set. The registry step runs first; features add steps (assessments,
 * adoption, programmes, telemetry) that build on what earlier steps created. Steps draw their
 * randomness from {@link DemoRegion#random()} so the whole data set is the same on every first start.
 */
public interface DemoStep {

    /** Steps run in ascending order; the registry is 0. */
    int order();

    void load(DemoRegion region);
}
