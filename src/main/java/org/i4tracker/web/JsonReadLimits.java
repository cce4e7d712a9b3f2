package org.i4tracker.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.i4tracker.common.Check;
import org.i4tracker.common.JsonLimits;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Set;

/**
 * How the ObjectMapper(s) Micronaut builds read request bodies: with {@link JsonLimits}, and refusing a
 * scalar where a record is expected. Micronaut's introspection module otherwise hands a lone number,
 * string or boolean to the record's constructor as its only argument (a 500 from a ClassCastException or
 * "Expected exactly [2] constructor arguments"); no request record of this service is written as a scalar,
 * so such a body is now Jackson's ordinary mismatch, a 400 naming the field. Dates are read only between
 * {@link Check#EARLIEST_DATE} and {@link Check#LATEST_DATE}: ISO dates reach year 999 999 999, and one such date
 * stored would make every year-by-year series of its district (diffusion, exposure) a billion periods long.
 * Strings holding the NUL character are refused too ({@link NoNulString}), and so is an array where one value is
 * expected ({@code UNWRAP_SINGLE_VALUE_ARRAYS}, which Micronaut turns on, is turned off).
 */
@Singleton
final class JsonReadLimits implements BeanCreatedEventListener<ObjectMapper> {

    private static final Set<JsonToken> SCALARS = Set.of(JsonToken.VALUE_STRING, JsonToken.VALUE_NUMBER_INT,
            JsonToken.VALUE_NUMBER_FLOAT, JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE, JsonToken.VALUE_EMBEDDED_OBJECT,
            // an array where a record is expected is refused here too, with the same message
            JsonToken.START_ARRAY);

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        ObjectMapper mapper = JsonLimits.applyTo(event.getBean());
        // Micronaut turns this on: ["x"] would be read as "x", and [5] as the id 5
        mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.registerModule(new SimpleModule("i4-records-are-objects").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass().isRecord() ? new ObjectsOnly(deserializer, description.getBeanClass()) : deserializer;
            }
        }).addDeserializer(LocalDate.class, new BoundedDate()).addDeserializer(String.class, new NoNulString()));
        return mapper;
    }

    /**
     * Strings as Jackson reads them, refused (400 naming the field) when they hold the NUL character: PostgreSQL refuses it
     * in text (a 500 there), and a CSV export holding it could not be imported again.
     */
    private static final class NoNulString extends StdDeserializer<String> {
        NoNulString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, "must not contain the NUL character (U+0000)", value, String.class);
            }
            return value;
        }
    }

    private static final class ObjectsOnly extends DelegatingDeserializer {
        private final Class<?> type;

        ObjectsOnly(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ObjectsOnly(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (SCALARS.contains(parser.currentToken())) {
                return context.handleUnexpectedToken(type, parser);
            }
            return super.deserialize(parser, context);
        }
    }

    /** ISO dates as Jackson reads them, refused (400 naming the field) outside {@link Check#EARLIEST_DATE}..{@link Check#LATEST_DATE}. */
    private static final class BoundedDate extends StdDeserializer<LocalDate> {
        BoundedDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            LocalDate date = LocalDateDeserializer.INSTANCE.deserialize(parser, context);
            if (date != null && !Check.isInDateRange(date)) {
                throw InvalidFormatException.from(parser, Check.dateRange(), date, LocalDate.class);
            }
            return date;
        }
    }
}
