package org.i4tracker.bench;

import org.i4tracker.diffusion.BassCurve;
import org.i4tracker.diffusion.BassEstimator;
import org.i4tracker.diffusion.BassFit;
import org.i4tracker.diffusion.BassMethod;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * 1 000 NLS Bass fits of 20-period series (goal: under 1 s on one core). The series are Bass curves
 * with m, p, q drawn around typical durable-goods values and 10 % multiplicative noise, fixed seed.
 * Run: {@code java -jar bench/target/benchmarks.jar BassFit -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class BassFitBenchmark {

    private static final int SERIES = 1_000;
    private static final int PERIODS = 20;

    private final BassEstimator estimator = new BassEstimator();
    private double[][] series;

    @Setup
    public void createSeries() {
        Random random = new Random(20261123);
        series = new double[SERIES][PERIODS];
        for (int i = 0; i < SERIES; i++) {
            BassCurve curve = new BassCurve(500 + random.nextDouble() * 5000, 0.005 + random.nextDouble() * 0.04,
                    0.2 + random.nextDouble() * 0.5);
            for (int t = 0; t < PERIODS; t++) {
                series[i][t] = Math.max(0, curve.adoptersInPeriod(t + 1) * (1 + 0.1 * random.nextGaussian()));
            }
        }
    }

    /** One operation = 1 000 fits; the reported time per operation is the time for all of them. */
    @Benchmark
    public void thousandNlsFits(Blackhole sink) {
        for (double[] s : series) {
            BassFit fit = estimator.fit(s, BassMethod.NLS);
            sink.consume(fit);
        }
    }
}
