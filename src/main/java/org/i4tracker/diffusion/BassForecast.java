package org.i4tracker.diffusion;

import java.util.List;

/**
 * Projection of a fitted Bass curve to saturation.
 *
 * @param saturationShare      the share of the market potential taken as saturation, e.g. 0.95
 * @param saturationPeriod     the first period (t = 1 is the first observed period) in which the
 *                             cumulative share reaches {@code saturationShare}
 * @param periodsToSaturation  periods after the last observed one until then (0 when already reached)
 * @param projectedAdopters    adopters per period for the periods after the last observed one, up to
 *                             and including {@code saturationPeriod}
 */
public record BassForecast(double saturationShare, int saturationPeriod, int periodsToSaturation,
                           List<Double> projectedAdopters) {

    public BassForecast {
        projectedAdopters = List.copyOf(projectedAdopters);
    }
}
