package org.i4tracker.evaluation;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Canonical 2×2 difference-in-differences on a balanced two-period panel (DESIGN.md §8).
 * <p>
 * ATT = η₁ − η₀ with η₁ = mean(ΔY | D = 1) and η₀ = mean(ΔY | D = 0), ΔY = post − pre.
 * <br>Influence function of unit i, with p̂ = n₁/n:
 * ψᵢ = Dᵢ(ΔYᵢ − η₁)/p̂ − (1 − Dᵢ)(ΔYᵢ − η₀)/(1 − p̂).
 * <br>SE = sd(ψ)/√n with the divisor n in sd (see {@link InfluenceFunction} for why), which is
 * algebraically √(s₁²/n₁ + s₀²/n₀) with sₖ² the within-group variance of ΔY, divisor nₖ.
 * <p>
 * Sources: Callaway &amp; Sant'Anna (2021), J. Econometrics 225(2), eq. (2.4) with no
 * covariates; Sant'Anna &amp; Zhao (2020), J. Econometrics 219(1), the panel DR estimator,
 * which reduces to the formula above when the propensity score and outcome model contain only
 * an intercept. n is the number of units. The outcome's unit carries over to ATT and SE.
 * <p>
 * Not estimable — raised as {@link DomainException} UNPROCESSABLE, never NaN: fewer than two
 * units, no treated unit, no control unit. Duplicate ids are a 400 (bad input). Zero variance
 * of ΔY gives SE = 0. Immutable and thread-safe.
 */
public final class DiffInDiff {

    public DidEstimate estimate(List<DidUnit> units) {
        Check.notNull(units, "units");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < units.size(); i++) {
            Check.notNull(units.get(i), "units[" + i + "]");
            Check.that(ids.add(units.get(i).id()), "units[" + i + "].id", "is used by another unit");
        }
        if (units.size() < 2) {
            throw DomainException.unprocessable("units", "difference-in-differences needs at least 2 units, got " + units.size());
        }
        int n = units.size();
        int n1 = 0;
        double sum1 = 0;
        double sum0 = 0;
        for (DidUnit u : units) {
            if (u.treated()) {
                n1++;
                sum1 += u.change();
            } else {
                sum0 += u.change();
            }
        }
        int n0 = n - n1;
        if (n1 == 0) {
            throw DomainException.unprocessable("units", "no treated unit: at least one unit must have treated=true");
        }
        if (n0 == 0) {
            throw DomainException.unprocessable("units", "no control unit: at least one unit must have treated=false");
        }
        double eta1 = sum1 / n1;
        double eta0 = sum0 / n0;
        double p = (double) n1 / n;
        double[] psi = new double[n];
        for (int i = 0; i < n; i++) {
            DidUnit u = units.get(i);
            psi[i] = u.treated() ? (u.change() - eta1) / p : -(u.change() - eta0) / (1 - p);
        }
        return new DidEstimate(eta1 - eta0, InfluenceFunction.standardError(psi), n);
    }
}
