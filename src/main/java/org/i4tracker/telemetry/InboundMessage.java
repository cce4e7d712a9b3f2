package org.i4tracker.telemetry;

import java.time.Instant;

/**
 * One message as it left the broker, with the means to acknowledge it. The pipeline calls
 * {@link Acknowledgement#ack()} only after what the message produced (sample or dead letter) is
 * committed, which is what makes QoS 1 delivery loss-free across a crash.
 */
record InboundMessage(String topic, byte[] payload, Instant receivedAt, Acknowledgement acknowledgement) {

    @FunctionalInterface
    interface Acknowledgement {
        Acknowledgement NONE = () -> { };

        void ack();
    }
}
