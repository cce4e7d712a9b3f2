package org.i4tracker.diffusion;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.List;

/**
 * Rogers' adopter categories of a set of adoption times (any unit: period numbers, fractional years).
 * μ is the arithmetic mean and σ the sample standard deviation with n − 1 in the denominator;
 * the boundaries are those of {@link AdopterCategory#of}.
 *
 * @param mean        μ of the adoption times
 * @param sd          σ (n − 1)
 * @param categories  one category per input time, in input order
 */
public record AdopterCategories(double mean, double sd, List<AdopterCategory> categories) {

    public AdopterCategories {
        categories = List.copyOf(categories);
    }

    /**
     * Categorises the adoption times. Fewer than two times: INVALID (σ needs n ≥ 2). All times equal
     * (σ = 0): UNPROCESSABLE, because the five categories collapse and every adopter would be a laggard.
     */
    public static AdopterCategories of(List<? extends Number> adoptionTimes) {
        Check.minSize(adoptionTimes, 2, "adoptionTimes");
        int n = adoptionTimes.size();
        double[] x = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            String field = "adoptionTimes[" + i + "]";
            x[i] = Check.finite(Check.notNull(adoptionTimes.get(i), field).doubleValue(), field);
            sum += x[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        if (sd == 0) {
            throw DomainException.unprocessable("adoptionTimes",
                    "all adoption times are equal (standard deviation 0): adopter categories are not defined");
        }
        List<AdopterCategory> categories = new ArrayList<>(n);
        for (double v : x) {
            categories.add(AdopterCategory.of(v, mean, sd));
        }
        return new AdopterCategories(mean, sd, categories);
    }
}
