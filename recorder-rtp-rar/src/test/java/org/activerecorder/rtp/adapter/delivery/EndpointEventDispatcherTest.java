package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.rtp.api.StreamTimeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher with real delivery threads and fake endpoints: at least once, in order per stream, never blocking. */
class EndpointEventDispatcherTest {

    private static final RetryDelay FAST = new RetryDelay(Duration.ofMillis(10), Duration.ofMillis(80));

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private EndpointEventDispatcher dispatcher;

    @AfterEach
    void stopDelivery() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.stop(Duration.ZERO);
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS), "delivery workers end with the dispatcher");
    }

    @Test
    void eventsGoToEveryActiveEndpointOnceOnADeliveryThreadInOrder() throws Exception {
        start(2, FAST);
        RecordingEndpointFactory first = new RecordingEndpointFactory();
        RecordingEndpointFactory second = new RecordingEndpointFactory();
        dispatcher.activate(first.factory());
        dispatcher.activate(second.factory());

        dispatcher.publish(firstPacket("s1"));
        dispatcher.publish(closed("s1"));

        Await.until(() -> dispatcher.delivered() == 2, "both events delivered");
        assertEquals(List.of(firstPacket("s1"), closed("s1")), first.received);
        assertEquals(List.of(firstPacket("s1"), closed("s1")), second.received);
        for (String thread : first.deliveryThreads) {
            assertTrue(thread.startsWith("rtp-event-delivery-"), "delivered on a delivery worker: " + thread);
        }
        assertEquals(2, first.created.get());
        assertEquals(2, first.released.get(), "every endpoint is released after its delivery");
        assertEquals(0, dispatcher.pending());
        assertEquals(0, dispatcher.retries());
    }

    @Test
    void aListenerThatThrowsThreeTimesGetsTheEventFourTimesAfterGrowingDelays() throws Exception {
        start(1, FAST);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory().throwingFirst(3);
        dispatcher.activate(mdb.factory());

        dispatcher.publish(closed("s1"));

        Await.until(() -> dispatcher.delivered() == 1, "delivered in the end");
        assertEquals(List.of(closed("s1"), closed("s1"), closed("s1"), closed("s1")), mdb.received);
        assertEquals(List.of(closed("s1")), mdb.taken);
        assertEquals(3, dispatcher.retries());
        assertEquals(0, dispatcher.pending());
        assertEquals(4, mdb.released.get());
        long[] waitedMicros = new long[3];
        for (int i = 0; i < 3; i++) {
            waitedMicros[i] = TimeUnit.NANOSECONDS.toMicros(mdb.receivedNanos.get(i + 1) - mdb.receivedNanos.get(i));
        }
        // 10, 20, 40 ms; the listener stamps its call a little after the worker took the time the wait starts from,
        // so allow half a millisecond (a truncated 9.99 ms once failed a whole-millisecond check)
        assertTrue(waitedMicros[0] >= 9_500 && waitedMicros[1] >= 19_500 && waitedMicros[2] >= 39_500,
                "each retry waits twice as long as the one before (µs): " + java.util.Arrays.toString(waitedMicros));
    }

    @Test
    void anEndpointThatCannotBeCreatedIsAskedAgain() throws Exception {
        start(1, FAST);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory().unavailableFirst(2);
        dispatcher.activate(mdb.factory());

        dispatcher.publish(closed("s1"));

        Await.until(() -> dispatcher.delivered() == 1, "delivered once an endpoint could be created");
        assertEquals(List.of(closed("s1")), mdb.taken);
        assertEquals(2, dispatcher.retries());
    }

    @Test
    void aRefusedEventHoldsUpItsOwnStreamOnlyAndKeepsItsOrder() throws Exception {
        start(1, FAST); // one worker: the held-up stream and the others share it
        RecordingEndpointFactory mdb = new RecordingEndpointFactory()
                .refusing(event -> event.streamId().equals("stuck"));
        dispatcher.activate(mdb.factory());

        dispatcher.publish(firstPacket("stuck"));
        dispatcher.publish(closed("stuck"));
        for (int i = 0; i < 50; i++) {
            dispatcher.publish(firstPacket("s" + i));
            dispatcher.publish(closed("s" + i));
        }

        Await.until(() -> dispatcher.delivered() == 100, "every other stream's events delivered");
        Await.until(() -> dispatcher.retries() >= 3, "the refused event offered again");
        assertTrue(mdb.received.stream().filter(e -> e.streamId().equals("stuck"))
                .allMatch(StreamEvent.FirstPacket.class::isInstance), "Closed waits behind its FirstPacket");
        assertEquals(2, dispatcher.pending());

        mdb.refusing(event -> false);

        Await.until(() -> dispatcher.delivered() == 102, "the stream goes on once its event is taken");
        List<StreamEvent> stuck = mdb.taken.stream().filter(e -> e.streamId().equals("stuck"))
                .collect(Collectors.toList());
        assertEquals(List.of(firstPacket("stuck"), closed("stuck")), stuck);
        assertEquals(0, dispatcher.pending());
    }

    @Test
    void eachStreamsEventsArriveInTheOrderTheyWerePublished() throws Exception {
        start(2, FAST);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory().throwingFirst(20);
        dispatcher.activate(mdb.factory());

        for (int i = 0; i < 300; i++) {
            dispatcher.publish(firstPacket("s" + i));
        }
        for (int i = 0; i < 300; i++) {
            dispatcher.publish(closed("s" + i));
        }

        Await.until(() -> dispatcher.delivered() == 600, "everything delivered");
        assertEquals(600, mdb.taken.size());
        for (int i = 0; i < 300; i++) {
            assertTrue(mdb.taken.indexOf(firstPacket("s" + i)) < mdb.taken.indexOf(closed("s" + i)),
                    "FirstPacket of s" + i + " before its Closed");
        }
    }

    @Test
    void aBurstNeverBlocksThePublisherWhileTheListenerIsStuckAndNothingIsLost() throws Exception {
        start(2, FAST);
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory().blockingUntil(stuck);
        dispatcher.activate(mdb.factory());

        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5_000; i++) {
                dispatcher.publish(closed("s" + i));
            }
        }, threads);

        burst.get(10, TimeUnit.SECONDS); // every publish returned while a listener call is still stuck
        assertEquals(1, stuck.getCount(), "the listener was still stuck when the burst was published");
        stuck.countDown();
        Await.until(() -> dispatcher.delivered() == 5_000, "the whole burst delivered");
        assertEquals(5_000, new HashSet<>(mdb.taken).size(), "each event once");
        assertEquals(5_000, mdb.taken.size());
        assertEquals(0, dispatcher.pending());
    }

    @Test
    void eventsPublishedBeforeTheWorkersRunAreKeptForThem() throws Exception {
        dispatcher = new EndpointEventDispatcher(2, FAST);
        List<Runnable> held = new ArrayList<>();
        dispatcher.start(held::add); // a WorkManager slow to start the workers
        RecordingEndpointFactory mdb = new RecordingEndpointFactory();
        dispatcher.activate(mdb.factory());

        for (int i = 0; i < 5_000; i++) {
            dispatcher.publish(closed("s" + i));
        }
        assertEquals(5_000, dispatcher.pending());
        held.forEach(threads::execute);

        Await.until(() -> dispatcher.delivered() == 5_000, "delivered once the workers run");
        assertEquals(5_000, new HashSet<>(mdb.taken).size());
    }

    @Test
    void aWorkManagerThatRefusesAWorkerFailsTheStartAndStopsTheOthers() throws Exception {
        dispatcher = new EndpointEventDispatcher(2, FAST);
        AtomicInteger accepted = new AtomicInteger();
        Executor fullAfterOne = task -> {
            if (accepted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("test: pool full");
            }
            threads.execute(task);
        };

        RejectedExecutionException refusal =
                assertThrows(RejectedExecutionException.class, () -> dispatcher.start(fullAfterOne));

        assertEquals("test: pool full", refusal.getMessage());
        threads.shutdown();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS), "the worker that did start has ended");
    }

    @Test
    void withoutEndpointsEventsWaitUntriedAndGoToTheFirstThatActivates() throws Exception {
        RetryDelay hour = new RetryDelay(Duration.ofHours(1), Duration.ofHours(1));
        start(2, hour); // only the activation can make them go now
        for (int i = 0; i < 1_000; i++) {
            dispatcher.publish(closed("s" + i));
        }
        Await.until(() -> dispatcher.pending() == 1_000, "events kept");
        assertEquals(0, dispatcher.retries(), "nothing is attempted without an endpoint");

        RecordingEndpointFactory late = new RecordingEndpointFactory();
        dispatcher.activate(late.factory());

        Await.until(() -> dispatcher.delivered() == 1_000, "everything delivered to the endpoint that came");
        assertEquals(1_000, new HashSet<>(late.taken).size());
        assertEquals(0, dispatcher.pending());
    }

    @Test
    void withTwoEndpointsARetryGoesOnlyToTheOneThatRefused() throws Exception {
        start(1, FAST);
        RecordingEndpointFactory healthy = new RecordingEndpointFactory();
        RecordingEndpointFactory flaky = new RecordingEndpointFactory().throwingFirst(2);
        dispatcher.activate(healthy.factory());
        dispatcher.activate(flaky.factory());

        dispatcher.publish(closed("s1"));

        Await.until(() -> dispatcher.delivered() == 1, "taken by both");
        assertEquals(List.of(closed("s1")), healthy.received);
        assertEquals(3, flaky.received.size());
        assertEquals(List.of(closed("s1")), flaky.taken);
    }

    @Test
    void anEventTakenByOneEndpointNoLongerWaitsForOneThatWentAway() throws Exception {
        start(1, FAST);
        RecordingEndpointFactory healthy = new RecordingEndpointFactory();
        RecordingEndpointFactory broken = new RecordingEndpointFactory().throwing();
        MessageEndpointFactory brokenFactory = broken.factory();
        dispatcher.activate(healthy.factory());
        dispatcher.activate(brokenFactory);
        dispatcher.publish(closed("s1"));
        Await.until(() -> dispatcher.retries() >= 2, "refused by the broken endpoint");
        assertEquals(1, dispatcher.pending());

        dispatcher.deactivate(brokenFactory);

        Await.until(() -> dispatcher.delivered() == 1, "done once only endpoints that took it are left");
        assertEquals(List.of(closed("s1")), healthy.received);
    }

    @Test
    void stopDeliversWhatIsPendingWithinTheDrainAndCountsWhatIsLeft() throws Exception {
        start(2, FAST);
        RecordingEndpointFactory mdb = new RecordingEndpointFactory()
                .refusing(event -> event.streamId().startsWith("refused"));
        dispatcher.activate(mdb.factory());
        for (int i = 0; i < 200; i++) {
            dispatcher.publish(closed("s" + i));
        }
        dispatcher.publish(closed("refused-1"));

        long started = System.nanoTime();
        boolean allDelivered = dispatcher.stop(Duration.ofMillis(300));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertFalse(allDelivered);
        assertTrue(tookMillis >= 300 && tookMillis < 10_000, "drained for the time given, then ended: "
                + tookMillis + " ms");
        assertEquals(200, dispatcher.delivered());
        assertEquals(1, dispatcher.pending(), "the refused event is counted as left undelivered");
        assertTrue(mdb.received.contains(closed("refused-1")), "it was tried while draining");
    }

    @Test
    void stopWithoutAnEndpointEndsAtOnceSinceNothingCouldBeDelivered() throws Exception {
        start(2, FAST);
        dispatcher.publish(closed("s1"));

        long started = System.nanoTime();
        assertFalse(dispatcher.stop(Duration.ofSeconds(30)));

        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "no 30 s wait for nobody");
        assertEquals(1, dispatcher.pending());
    }

    @Test
    void activationAndDeactivationAreIdempotent() throws Exception {
        start(1, FAST);
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory();
        MessageEndpointFactory factory = endpoint.factory();

        assertTrue(dispatcher.activate(factory));
        assertFalse(dispatcher.activate(factory));
        dispatcher.publish(closed("s1"));
        Await.until(() -> dispatcher.delivered() == 1, "delivered");
        assertEquals(1, endpoint.received.size(), "once, although activated twice");

        assertTrue(dispatcher.deactivate(factory));
        assertFalse(dispatcher.deactivate(factory), "WildFly deactivates twice on shutdown");
        assertEquals(0, dispatcher.activeEndpoints());
    }

    @Test
    void oneAttemptAlwaysReleasesTheEndpointItCreated() {
        RecordingEndpointFactory throwing = new RecordingEndpointFactory().throwing();
        RecordingEndpointFactory notAListener = new RecordingEndpointFactory().notAListener();
        RecordingEndpointFactory unavailable = new RecordingEndpointFactory().unavailable();

        assertThrows(EndpointDelivery.NotTaken.class, () -> EndpointDelivery.deliver(throwing.factory(), closed("s1")));
        EndpointDelivery.NotTaken wrongType = assertThrows(EndpointDelivery.NotTaken.class,
                () -> EndpointDelivery.deliver(notAListener.factory(), closed("s1")));
        assertThrows(EndpointDelivery.NotTaken.class,
                () -> EndpointDelivery.deliver(unavailable.factory(), closed("s1")));

        assertEquals(1, throwing.released.get());
        assertEquals(1, notAListener.released.get());
        assertTrue(wrongType.getMessage().contains("packaged twice"), wrongType.getMessage());
        assertEquals(0, unavailable.created.get());
    }

    @Test
    void theRetryDelayDoublesUpToItsCap() {
        RetryDelay delay = RetryDelay.DEFAULT;

        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), delay.afterNanos(1));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), delay.afterNanos(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(25_600), delay.afterNanos(9));
        assertEquals(TimeUnit.SECONDS.toNanos(30), delay.afterNanos(10));
        assertEquals(TimeUnit.SECONDS.toNanos(30), delay.afterNanos(Integer.MAX_VALUE));
    }

    private void start(int workers, RetryDelay retryDelay) {
        dispatcher = new EndpointEventDispatcher(workers, retryDelay);
        dispatcher.start(threads);
    }

    private static StreamEvent firstPacket(String id) {
        return new StreamEvent.FirstPacket(id, Instant.EPOCH, new InetSocketAddress("127.0.0.1", 4000), 1);
    }

    private static StreamEvent closed(String id) {
        return new StreamEvent.Closed(id, null, Path.of(id + ".wav"), StreamStatistics.NONE,
                StreamEvent.CloseReason.REQUESTED, StreamTimeline.EMPTY);
    }
}
