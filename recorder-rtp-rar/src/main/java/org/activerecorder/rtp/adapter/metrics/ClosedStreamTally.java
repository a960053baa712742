package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.adapter.receive.StreamEventSink;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts closed streams by reason on their way to the event delivery: a {@link StreamEventSink} in front of the
 * real one. One atomic increment per closed stream (on a loop or the file closer), none per packet.
 */
public final class ClosedStreamTally implements StreamEventSink {

    private static final CloseReason[] REASONS = CloseReason.values();

    private final StreamEventSink next;
    private final AtomicLongArray closed = new AtomicLongArray(REASONS.length);

    public ClosedStreamTally(StreamEventSink next) {
        this.next = next;
    }

    @Override
    public void publish(StreamEvent event) {
        if (event instanceof StreamEvent.Closed closedEvent) {
            closed.incrementAndGet(closedEvent.reason().ordinal());
        }
        next.publish(event);
    }

    /** Streams closed so far, by reason (every reason present, zero included). */
    public Map<CloseReason, Long> byReason() {
        Map<CloseReason, Long> counts = new EnumMap<>(CloseReason.class);
        for (CloseReason reason : REASONS) {
            counts.put(reason, closed.get(reason.ordinal()));
        }
        return counts;
    }
}
