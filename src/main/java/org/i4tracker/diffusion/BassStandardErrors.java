package org.i4tracker.diffusion;

import org.i4tracker.common.Calculation;

/** Asymptotic standard errors of the Bass parameters, in the units of the parameters. */
@Calculation
public record BassStandardErrors(double m, double p, double q) {
}
