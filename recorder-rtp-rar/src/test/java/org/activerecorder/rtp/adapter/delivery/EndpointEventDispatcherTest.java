package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.rtp.api.StreamTimeline;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointEventDispatcherTest {

    /** Collects the delivery tasks instead of running them, so the test sees that each is a separate task. */
    private final List<Runnable> scheduled = new ArrayList<>();
    private final EndpointEventDispatcher dispatcher = new EndpointEventDispatcher(scheduled::add);

    @Test
    void eachEventGoesToEveryActiveEndpointAsItsOwnTask() {
        RecordingEndpointFactory first = new RecordingEndpointFactory();
        RecordingEndpointFactory second = new RecordingEndpointFactory();
        dispatcher.activate(first.factory());
        dispatcher.activate(second.factory());

        dispatcher.publish(firstPacket("s1"));
        dispatcher.publish(closed("s1"));

        assertEquals(4, scheduled.size());
        assertTrue(first.received.isEmpty(), "nothing is delivered on the publishing thread");
        runScheduled();
        assertEquals(List.of(firstPacket("s1"), closed("s1")), first.received);
        assertEquals(List.of(firstPacket("s1"), closed("s1")), second.received);
        assertEquals(2, first.created.get());
        assertEquals(2, first.released.get(), "every endpoint is released after its delivery");
    }

    @Test
    void activationAndDeactivationAreIdempotent() {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory();
        MessageEndpointFactory factory = endpoint.factory();

        assertTrue(dispatcher.activate(factory));
        assertFalse(dispatcher.activate(factory));
        dispatcher.publish(closed("s1"));
        runScheduled();
        assertEquals(1, endpoint.received.size());

        assertTrue(dispatcher.deactivate(factory));
        assertFalse(dispatcher.deactivate(factory), "WildFly deactivates twice on shutdown");
        dispatcher.publish(closed("s2"));
        assertTrue(scheduled.isEmpty());
        assertEquals(0, dispatcher.activeEndpoints());
    }

    @Test
    void withoutEndpointsEventsWaitInABoundedBacklogForTheNextOne() {
        for (int i = 0; i < EndpointEventDispatcher.BACKLOG_LIMIT + 5; i++) {
            dispatcher.publish(closed("s" + i));
        }
        assertEquals(EndpointEventDispatcher.BACKLOG_LIMIT, dispatcher.backlogSize());

        RecordingEndpointFactory late = new RecordingEndpointFactory();
        dispatcher.activate(late.factory());
        runScheduled();

        assertEquals(EndpointEventDispatcher.BACKLOG_LIMIT, late.received.size());
        assertEquals("s5", late.received.get(0).streamId(), "the oldest events were dropped");
        assertEquals(0, dispatcher.backlogSize());
    }

    @Test
    void aRefusedDeliveryIsDroppedWithoutDisturbingThePublisher() {
        EndpointEventDispatcher refusing = new EndpointEventDispatcher(task -> {
            throw new RejectedExecutionException("test: WorkManager full");
        });
        refusing.activate(new RecordingEndpointFactory().factory());

        refusing.publish(closed("s1"));
    }

    @Test
    void aDeliveryNeverThrowsAndAlwaysReleasesItsEndpoint() {
        RecordingEndpointFactory throwing = new RecordingEndpointFactory().throwing();
        RecordingEndpointFactory notAListener = new RecordingEndpointFactory().notAListener();
        RecordingEndpointFactory unavailable = new RecordingEndpointFactory().unavailable();

        new EndpointDelivery(throwing.factory(), closed("s1")).run();
        new EndpointDelivery(notAListener.factory(), closed("s1")).run();
        new EndpointDelivery(unavailable.factory(), closed("s1")).run();

        assertEquals(1, throwing.released.get());
        assertEquals(1, notAListener.released.get());
        assertEquals(0, unavailable.created.get());
    }

    private void runScheduled() {
        List<Runnable> tasks = new ArrayList<>(scheduled);
        scheduled.clear();
        tasks.forEach(Runnable::run);
    }

    private static StreamEvent firstPacket(String id) {
        return new StreamEvent.FirstPacket(id, Instant.EPOCH, new InetSocketAddress("127.0.0.1", 4000), 1);
    }

    private static StreamEvent closed(String id) {
        return new StreamEvent.Closed(id, null, Path.of(id + ".wav"), StreamStatistics.NONE,
                StreamEvent.CloseReason.REQUESTED, StreamTimeline.EMPTY);
    }
}
