package org.i4tracker.evaluation;

/**
 * Mean within-participant gain T1 − T0 with a two-sided 95 % confidence interval.
 *
 * @param n        participants with both waves
 * @param mean     mean gain, in the outcome's unit
 * @param se       standard error s/√n, s with divisor n − 1
 * @param ciLow    mean − t(0.975, n−1)·se
 * @param ciHigh   mean + t(0.975, n−1)·se
 */
public record GainEstimate(int n, double mean, double se, double ciLow, double ciHigh) {
}
