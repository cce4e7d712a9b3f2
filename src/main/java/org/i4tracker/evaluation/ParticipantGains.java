package org.i4tracker.evaluation;

import org.hipparchus.distribution.continuous.TDistribution;
import org.i4tracker.common.DomainException;

import java.util.List;

/**
 * Before–after gain of participants (DESIGN.md §8 "Gains: T1 − T0 per dimension"): the mean of
 * dᵢ = post − pre, SE = s/√n with the sample standard deviation s (divisor n − 1), and the
 * Student-t 95 % interval mean ± t(0.975, n − 1)·SE (one-sample t interval on paired
 * differences, e.g. Moore, McCabe &amp; Craig, Introduction to the Practice of Statistics, §7.1).
 * It describes change, not effect: without a comparison group it mixes the programme with
 * everything else that happened (use {@link DiffInDiff} for the effect). Fewer than 2
 * participants → UNPROCESSABLE (no variance estimate); zero variance → a zero-width interval.
 */
public final class ParticipantGains {

    public GainEstimate estimate(List<Double> gains) {
        int n = gains.size();
        if (n < 2) {
            throw DomainException.unprocessable("outcome", "a confidence interval for gains needs at least 2 participants with both waves, got " + n);
        }
        double mean = gains.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = gains.stream().mapToDouble(g -> (g - mean) * (g - mean)).sum();
        double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return new GainEstimate(n, mean, se, mean - t * se, mean + t * se);
    }
}
