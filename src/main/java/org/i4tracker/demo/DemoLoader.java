package org.i4tracker.demo;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.district.RegionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Comparator;
import java.util.List;

/**
 * Loads the deterministic demo region on the first start with an empty database
 * ({@code i4.demo.enabled}, default false, turned on by {@code ./mvnw mn:run}; {@code i4.demo.seed}
 * fixes the random source). All steps run in one transaction: a failure leaves the database empty
 * rather than half-loaded. The steps (and the services they write through) are created only when the
 * database is empty, so a restart on existing data does not build them before {@code /health} answers.
 */
@Singleton
@Requires(property = "i4.demo.enabled", value = "true")
class DemoLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);

    private final BeanProvider<DemoStep> steps;
    private final RegionRepository regions;
    private final TransactionOperations<Connection> transactions;
    private final long seed;

    DemoLoader(BeanProvider<DemoStep> steps, RegionRepository regions, TransactionOperations<Connection> transactions,
               @Value("${i4.demo.seed:20261123}") long seed) {
        this.steps = steps;
        this.regions = regions;
        this.transactions = transactions;
        this.seed = seed;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (regions.count() > 0) {
            LOG.info("demo data skipped: the database already holds data");
            return;
        }
        long started = System.nanoTime();
        DemoRegion demo = new DemoRegion(seed);
        List<DemoStep> ordered = steps.stream().sorted(Comparator.comparingInt(DemoStep::order)).toList();
        transactions.executeWrite(status -> {
            for (DemoStep step : ordered) {
                step.load(demo);
            }
            return null;
        });
        LOG.info("demo data loaded regions={} districts={} firms={} institutions={} in {} ms", demo.regions.size(),
                demo.districts.size(), demo.firms.size(), demo.institutions.size(), (System.nanoTime() - started) / 1_000_000);
    }
}
