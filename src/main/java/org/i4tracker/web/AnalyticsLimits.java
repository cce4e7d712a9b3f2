package org.i4tracker.web;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The bounds of the stateless analytics API ({@code /api/v1/analytics/*}), properties {@code i4.analytics.*}:
 * how many periods, observations and units one request may carry, how many optimiser iterations a fit may
 * take, how many draws a bootstrap may make, and how long one computation may hold a thread. A request past a
 * bound answers 422 naming the field, the limit and its property, before any computation starts.
 */
@Singleton
public final class AnalyticsLimits {

    private final int maxPeriods;
    private final int maxPanelPeriods;
    private final int maxObservations;
    private final int maxUnits;
    private final int maxIterations;
    private final int maxBootstrapIterations;
    private final Duration maxWallTime;
    private final ExecutorService pool;

    AnalyticsLimits(@Value("${i4.analytics.max-periods:1000}") int maxPeriods,
                    @Value("${i4.analytics.max-panel-periods:100}") int maxPanelPeriods,
                    @Value("${i4.analytics.max-observations:100000}") int maxObservations,
                    @Value("${i4.analytics.max-units:50000}") int maxUnits,
                    @Value("${i4.analytics.max-iterations:1000}") int maxIterations,
                    @Value("${i4.analytics.max-bootstrap-iterations:100000}") int maxBootstrapIterations,
                    @Value("${i4.analytics.max-wall-time:10s}") Duration maxWallTime,
                    @Value("${i4.analytics.threads:2}") int threads) {
        this.maxPeriods = maxPeriods;
        this.maxPanelPeriods = maxPanelPeriods;
        this.maxObservations = maxObservations;
        this.maxUnits = maxUnits;
        this.maxIterations = maxIterations;
        this.maxBootstrapIterations = maxBootstrapIterations;
        this.maxWallTime = maxWallTime;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "i4-analytics");
            t.setDaemon(true);
            return t;
        });
    }

    /** A time series (adopters per period, sales): at most {@code i4.analytics.max-periods} values. */
    public void periods(Collection<?> values, String field) {
        atMost(values.size(), maxPeriods, "i4.analytics.max-periods", field, "periods");
    }

    /** Distinct periods of a panel (ATT(g,t) grows with cohorts × periods): at most {@code i4.analytics.max-panel-periods}. */
    public void panelPeriods(long count, String field) {
        atMost(count, maxPanelPeriods, "i4.analytics.max-panel-periods", field, "distinct periods");
    }

    /** Rows of a request (observations, adoption times): at most {@code i4.analytics.max-observations}. */
    public void observations(Collection<?> values, String field) {
        atMost(values.size(), maxObservations, "i4.analytics.max-observations", field, "values");
    }

    /** Units (firms, regions) of a request: at most {@code i4.analytics.max-units}. */
    public void units(long count, String field) {
        atMost(count, maxUnits, "i4.analytics.max-units", field, "units");
    }

    /** The iteration budget of an optimiser or resampling loop ({@code i4.analytics.max-iterations}). */
    public int maxIterations() {
        return maxIterations;
    }

    /** Draws of a multiplier bootstrap (cost grows with draws × units × estimates): at most {@code i4.analytics.max-bootstrap-iterations}. */
    public void bootstrapIterations(long count, String field) {
        atMost(count, maxBootstrapIterations, "i4.analytics.max-bootstrap-iterations", field, "bootstrap iterations");
    }

    /**
     * Runs {@code calculation} on the analytics pool and waits at most {@code i4.analytics.max-wall-time}
     * (queueing included); past it the caller gets 422 and the calculation is cancelled. The input bounds keep
     * a calculation short, so a cancelled one that ignores the interrupt still ends soon.
     */
    public <T> T compute(String what, Supplier<T> calculation) {
        Future<T> result = pool.submit(calculation::get);
        try {
            return result.get(maxWallTime.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw DomainException.unprocessable(null, what + " took longer than " + maxWallTime.toMillis()
                    + " ms, the limit i4.analytics.max-wall-time; send fewer periods or units");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }

    private static void atMost(long count, long max, String property, String field, String what) {
        if (count > max) {
            throw DomainException.unprocessable(field, "at most " + max + " " + what + " per request (limit " + property
                    + "); got " + count);
        }
    }
}
