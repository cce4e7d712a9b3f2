package org.i4tracker.telemetry;

/**
 * One MQTT client session of the ingest: persistent session, QoS 1 subscriptions, acknowledgements
 * sent by the pipeline after commit. Two implementations exist because the embedded Moquette broker
 * speaks only MQTT 3.1.1 while shared subscriptions for scale-out want MQTT 5.
 */
interface BrokerLink extends AutoCloseable {

    /** Connects (retrying in the background until it succeeds) and subscribes to the given filters. */
    void start();

    boolean isConnected();

    /** Publishes a QoS 1 message (Sparkplug rebirth requests); false when it could not be handed to the client. */
    boolean publish(String topic, byte[] payload);

    @Override
    void close();
}
