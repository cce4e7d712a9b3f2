package org.i4tracker.diffusion;

/** Asymptotic standard errors of the Bass parameters, in the units of the parameters. */
public record BassStandardErrors(double m, double p, double q) {
}
