package org.i4tracker.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without demo mode a first start is empty; one line says how to ask for the demo region. */
@Singleton
@Requires(property = "i4.demo.enabled", notEquals = "true")
class DemoOffNotice {

    private static final Logger LOG = LoggerFactory.getLogger(DemoOffNotice.class);

    @EventListener
    void onStartup(StartupEvent event) {
        LOG.info("demo data off: start with -Di4.demo.enabled=true (or I4_DEMO_ENABLED=true) on an empty database"
                + " to load the demo region and its demo users");
    }
}
