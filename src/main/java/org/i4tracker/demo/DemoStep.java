package org.i4tracker.demo;

/**
 * One part of the demo data set. The registry step runs first; the steps for adoption, programmes,
 * assessments and telemetry build on what earlier steps created, through the features' public services
 * (no feature knows the demo). Steps draw their randomness from {@link DemoRegion#random()} so the whole
 * data set is the same on every first start.
 */
interface DemoStep {

    /** Steps run in ascending order; the registry is 0. */
    int order();

    void load(DemoRegion region);
}
