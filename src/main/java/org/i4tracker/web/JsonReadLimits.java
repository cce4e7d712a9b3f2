package org.i4tracker.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.i4tracker.common.JsonLimits;

/** Puts {@link JsonLimits} on the ObjectMapper(s) Micronaut builds, so request bodies are read with the same limits. */
@Singleton
final class JsonReadLimits implements BeanCreatedEventListener<ObjectMapper> {

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return JsonLimits.applyTo(event.getBean());
    }
}
