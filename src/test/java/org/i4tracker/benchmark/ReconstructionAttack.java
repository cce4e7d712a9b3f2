package org.i4tracker.benchmark;

import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;

import java.util.ArrayList;
import java.util.List;

/**
 * The attacker of issue 17 §2 as a linear program. The unknowns are the scores of a population of firms,
 * numbered in ascending order of score; the attacker is <em>told</em> the rank order of the other firms among
 * themselves and which groups each belongs to — more than any reader knows, so whatever this attacker cannot
 * pin down, a real reader cannot either. (Where the reader itself ranks among them is told only when a figure
 * reveals it, as the exact percentile rank of the old reports did.) Every published figure becomes a linear constraint: a type-7 quantile is
 * (1 − f)·x<sub>lo</sub> + f·x<sub>hi</sub> of its group's order statistics, a type-1 quantile one order statistic, a mean is Σx / n, each within
 * ± half the published resolution (0 = exact). The reader's own score is an equality. For each unknown
 * score, two LPs (minimise, maximise) give the interval the reader is left with — the reconstruction of
 * Dinur &amp; Nissim (2003) restricted to what the reports publish.
 */
final class ReconstructionAttack {

    private final int firms;
    private final List<LinearConstraint> constraints = new ArrayList<>();

    /**
     * Scores on [0, scaleMax]; the firms of {@code ordered} (ascending) are told to be in that order (the rank-order
     * oracle). A firm left out of it (the reader, when no figure reveals its rank) is placed freely.
     */
    ReconstructionAttack(int firms, double scaleMax, int[] ordered) {
        this.firms = firms;
        for (int i = 0; i < firms; i++) {
            constraints.add(new LinearConstraint(unit(i, 1), Relationship.LEQ, scaleMax));
        }
        for (int i = 0; i + 1 < ordered.length; i++) {
            double[] c = unit(ordered[i], 1);
            c[ordered[i + 1]] = -1;
            constraints.add(new LinearConstraint(c, Relationship.LEQ, 0));
        }
    }

    private double[] unit(int i, double v) {
        double[] c = new double[firms];
        c[i] = v;
        return c;
    }

    void known(int firm, double score) {
        constraints.add(new LinearConstraint(unit(firm, 1), Relationship.EQ, score));
    }

    /** A published type-7 quantile of the group whose members are {@code sorted} (firm numbers, ascending). */
    void quantile(int[] sorted, double p, double value, double halfWidth) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        double[] c = new double[firms];
        if (lo >= sorted.length - 1) {
            c[sorted[sorted.length - 1]] = 1;
        } else {
            c[sorted[lo]] += 1 - (h - lo);
            c[sorted[lo + 1]] += h - lo;
        }
        within(c, value, halfWidth);
    }

    /** A published type-1 quantile (the ⌈np⌉-th smallest of the group {@code sorted}, firm numbers ascending). */
    void rankQuantile(int[] sorted, double p, double value, double halfWidth) {
        int rank = (int) Math.ceil(sorted.length * p - 1e-9);
        within(unit(sorted[Math.max(1, rank) - 1], 1), value, halfWidth);
    }

    /** A published mean of the group {@code members}. */
    void mean(int[] members, double value, double halfWidth) {
        double[] c = new double[firms];
        for (int m : members) {
            c[m] = 1.0 / members.length;
        }
        within(c, value, halfWidth);
    }

    private void within(double[] c, double value, double halfWidth) {
        if (halfWidth == 0) {
            constraints.add(new LinearConstraint(c, Relationship.EQ, value));
        } else {
            constraints.add(new LinearConstraint(c, Relationship.GEQ, value - halfWidth));
            constraints.add(new LinearConstraint(c, Relationship.LEQ, value + halfWidth));
        }
    }

    /** Fails unless the true scores satisfy every constraint: the figures mean what the attack assumes. */
    void checkConsistent(double[] truth) {
        for (LinearConstraint c : constraints) {
            double lhs = c.getCoefficients().dotProduct(new org.hipparchus.linear.ArrayRealVector(truth));
            boolean ok = switch (c.getRelationship()) {
                case EQ -> Math.abs(lhs - c.getValue()) <= 1e-7;
                case LEQ -> lhs <= c.getValue() + 1e-7;
                case GEQ -> lhs >= c.getValue() - 1e-7;
            };
            if (!ok) {
                throw new AssertionError("the published figures do not describe the groups the attack assumes: " + lhs + " "
                        + c.getRelationship() + " " + c.getValue());
            }
        }
    }

    /** {min, max} of firm {@code i}'s score over every population consistent with the published figures. */
    double[] range(int i) {
        return new double[] {optimise(i, GoalType.MINIMIZE), optimise(i, GoalType.MAXIMIZE)};
    }

    private double optimise(int i, GoalType goal) {
        PointValuePair p = new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(100_000),
                new LinearObjectiveFunction(unit(i, 1), 0), new LinearConstraintSet(constraints), goal, new NonNegativeConstraint(true));
        return p.getValue();
    }
}
