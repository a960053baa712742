package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.adapter.receive.StreamEventSink;
import org.activerecorder.rtp.api.StreamEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fans stream events out to every active message endpoint, each delivery a separate task on the delivery
 * executor (the WorkManager in the container), so MDBs run off the receive loop and in parallel.
 *
 * <p>Activation and deactivation are idempotent (WildFly deactivates the same endpoint twice on shutdown).
 *
 * <p>With no endpoint active, events wait in a bounded backlog of {@value #BACKLOG_LIMIT} (the oldest dropped
 * first, with a warning) and go to the next endpoint that activates. Why keep rather than drop: a lost
 * {@code Closed} event leaves a recording open in the database until someone reconciles it, and the usual gap is
 * short (an MDB being redeployed or suspended); the bound keeps a recorder without MDBs from filling its heap.
 * What is in the backlog when the adapter stops is lost.
 */
public final class EndpointEventDispatcher implements StreamEventSink {

    private static final Logger LOG = Logger.getLogger(EndpointEventDispatcher.class.getName());

    /** Events kept while no endpoint is active. */
    public static final int BACKLOG_LIMIT = 1_000;

    private final Executor delivery;
    private final Set<MessageEndpointFactory> endpoints = new LinkedHashSet<>();
    private final ArrayDeque<StreamEvent> backlog = new ArrayDeque<>();
    private long droppedFromBacklog;

    /** @param delivery runs each delivery; may refuse ({@link RejectedExecutionException}): the event is dropped */
    public EndpointEventDispatcher(Executor delivery) {
        this.delivery = delivery;
    }

    /**
     * Starts delivering to {@code factory}, first the backlog if any.
     *
     * @return {@code false} if it was already active
     */
    public boolean activate(MessageEndpointFactory factory) {
        List<StreamEvent> waiting;
        synchronized (this) {
            if (!endpoints.add(factory)) {
                return false;
            }
            waiting = new ArrayList<>(backlog);
            backlog.clear();
        }
        for (StreamEvent event : waiting) {
            deliver(factory, event);
        }
        return true;
    }

    /** Stops delivering to {@code factory}; {@code false} if it was not active. */
    public synchronized boolean deactivate(MessageEndpointFactory factory) {
        return endpoints.remove(factory);
    }

    @Override
    public void publish(StreamEvent event) {
        MessageEndpointFactory[] targets;
        synchronized (this) {
            if (endpoints.isEmpty()) {
                keep(event);
                return;
            }
            targets = endpoints.toArray(new MessageEndpointFactory[0]);
        }
        for (MessageEndpointFactory target : targets) {
            deliver(target, event);
        }
    }

    public synchronized int activeEndpoints() {
        return endpoints.size();
    }

    public synchronized int backlogSize() {
        return backlog.size();
    }

    private void keep(StreamEvent event) {
        if (backlog.size() == BACKLOG_LIMIT) {
            StreamEvent dropped = backlog.removeFirst();
            droppedFromBacklog++;
            if (droppedFromBacklog == 1 || droppedFromBacklog % 100 == 0) {
                LOG.warning("no RtpStreamListener endpoint is active; " + droppedFromBacklog
                        + " stream events dropped so far, latest " + dropped);
            }
        }
        backlog.addLast(event);
    }

    private void deliver(MessageEndpointFactory factory, StreamEvent event) {
        try {
            delivery.execute(new EndpointDelivery(factory, event));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "cannot schedule the delivery of " + event + "; event dropped", e);
        }
    }
}
