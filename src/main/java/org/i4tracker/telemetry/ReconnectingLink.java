package org.i4tracker.telemetry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both Paho links share: the first connection is retried until the broker answers (Paho's
 * automatic reconnect only covers connections lost later), subscriptions are renewed on every
 * connect, and acknowledgements are dropped for messages of an earlier connection: their packet ids
 * mean nothing on the new one, and the broker redelivers them anyway (the store skips the duplicates).
 */
abstract class ReconnectingLink implements BrokerLink {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingLink.class);

    @FunctionalInterface
    interface MqttAction {
        void run() throws Exception;
    }

    private final List<String> topics;
    private final IngestPipeline pipeline;
    private final AtomicInteger session = new AtomicInteger();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connector");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    ReconnectingLink(MqttSettings settings, List<String> topics, IngestPipeline pipeline) {
        this.topics = List.copyOf(topics);
        this.pipeline = pipeline;
    }

    protected abstract void connect() throws Exception;

    protected abstract void subscribe(List<String> topics) throws Exception;

    protected abstract void disconnectAndClose() throws Exception;

    @Override
    public void start() {
        connector.execute(this::firstConnect);
    }

    private void firstConnect() {
        if (closed) {
            return;
        }
        try {
            connect();
        } catch (Exception e) {
            LOG.warn("mqtt broker not reachable, retrying in 5 s: {}", e.toString());
            connector.schedule(this::firstConnect, 5, TimeUnit.SECONDS);
        }
    }

    protected final int sessionNumber() {
        return session.get();
    }

    protected final void hand(String topic, byte[] payload, Instant at, InboundMessage.Acknowledgement ack)
            throws InterruptedException {
        pipeline.accept(new InboundMessage(topic, payload, at, ack));
    }

    protected final void ack(int sessionOfMessage, MqttAction send) {
        if (sessionOfMessage != session.get() || !isConnected()) {
            return;
        }
        try {
            send.run();
        } catch (Exception e) {
            LOG.debug("mqtt ack not sent (the broker will redeliver): {}", e.toString());
        }
    }

    protected final void connected(boolean reconnect, String serverUri) {
        LOG.info("mqtt connected broker={} reconnect={} topics={}", serverUri, reconnect, topics);
        connector.execute(() -> {
            try {
                subscribe(topics);
            } catch (Exception e) {
                LOG.error("mqtt subscribe failed topics={}: {}", topics, e.toString());
            }
        });
    }

    protected final void lost(String cause) {
        session.incrementAndGet();
        if (!closed) {
            LOG.warn("mqtt connection lost: {}", cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        session.incrementAndGet();
        connector.shutdownNow();
        try {
            disconnectAndClose();
        } catch (Exception e) {
            LOG.debug("mqtt close: {}", e.toString());
        }
    }
}
