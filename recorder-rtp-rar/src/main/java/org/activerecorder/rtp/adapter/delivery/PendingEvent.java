package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.api.StreamEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * An event on its way to the endpoints: which of them have taken it (so that with several endpoints a retry goes
 * only to those that have not), how often it was refused in a row, and when it may be offered next. Owned by one
 * {@link DeliveryWorker} thread.
 */
final class PendingEvent {

    final StreamEvent event;
    /** {@link System#nanoTime()} from which it may be offered (again). */
    long dueNanos;
    /** Attempts in a row in which some endpoint did not take it. */
    int failures;
    private final List<MessageEndpointFactory> takenBy = new ArrayList<>(1);

    PendingEvent(StreamEvent event, long dueNanos) {
        this.event = event;
        this.dueNanos = dueNanos;
    }

    boolean wasTakenBy(MessageEndpointFactory endpoint) {
        return takenBy.contains(endpoint);
    }

    void takenBy(MessageEndpointFactory endpoint) {
        takenBy.add(endpoint);
    }

    /** Orders events by due time, comparing {@code nanoTime} values the overflow-safe way. */
    static int byDueTime(PendingEvent one, PendingEvent other) {
        return Long.signum(one.dueNanos - other.dueNanos);
    }
}
