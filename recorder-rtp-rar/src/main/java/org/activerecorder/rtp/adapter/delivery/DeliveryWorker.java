package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import org.activerecorder.rtp.api.StreamEvent;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One delivery thread: takes the events of its share of the streams from a lock-free inbox and offers each to every
 * active endpoint until all of them have taken it, retrying refused ones after a growing {@link RetryDelay}.
 *
 * <p>Per stream the events go out in the order they were published (a stream's {@code Closed} waits until its
 * {@code FirstPacket} and {@code FirstSampleSettled} are taken); a stream whose event is refused holds up only its own later events, never other
 * streams'. With no endpoint active nothing is attempted: the events wait, and the next activation offers them at
 * once.
 *
 * <p>A {@link Work} for the WorkManager's long-running pool. It ends on {@link #stop}: after delivering what it can
 * until the deadline (or at once when no endpoint is active, since nothing could be delivered), it logs the events
 * left undelivered with their count.
 */
final class DeliveryWorker implements Work {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

    /** After the first refusal of an event is logged, every this-many-th refusal is logged again, with the count. */
    static final int LOG_EVERY = 10;
    /** Stream ids named in the line that reports events left undelivered at stop. */
    private static final int IDS_NAMED_AT_STOP = 20;

    private final String name;
    private final Collection<MessageEndpointFactory> endpoints;
    private final RetryDelay retryDelay;
    private final Queue<StreamEvent> inbox = new ConcurrentLinkedQueue<>();
    /** Per stream, its events not yet taken, oldest first; only the first of each is in {@link #due}. */
    private final Map<String, ArrayDeque<PendingEvent>> byStream = new HashMap<>();
    private final PriorityQueue<PendingEvent> due = new PriorityQueue<>(PendingEvent::byDueTime);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);

    private volatile Thread thread;
    private volatile boolean endpointsChanged;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private volatile boolean hasEnded;
    private boolean waitingLogged;
    /** The cause last logged with its stack trace: an outage refuses thousands of events for one reason. */
    private String lastTracedCause;
    /** Events taken after at least one refusal since the queue was last empty, reported once it empties. */
    private long takenAfterRefusal;

    /**
     * @param name       the thread's name while it runs
     * @param endpoints  the active endpoints, a thread-safe collection others change (iterated per attempt)
     * @param retryDelay how long a refused event waits
     */
    DeliveryWorker(String name, Collection<MessageEndpointFactory> endpoints, RetryDelay retryDelay) {
        this.name = name;
        this.endpoints = endpoints;
        this.retryDelay = retryDelay;
    }

    /** Takes an event for delivery: never blocks, never throws (called on a receive loop). */
    void offer(StreamEvent event) {
        pending.incrementAndGet();
        inbox.add(event);
        wake();
    }

    /** The set of endpoints changed: offer waiting events to them now rather than at their next retry. */
    void endpointsChanged() {
        endpointsChanged = true;
        wake();
    }

    /**
     * Asks the worker to end: it keeps delivering until nothing is pending or {@code deadlineNanos}
     * ({@link System#nanoTime()}) has passed, whichever comes first.
     */
    void stop(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        stopping = true;
        wake();
    }

    /** The container asks the work to end: it stops at once (what is pending is logged). */
    @Override
    public void release() {
        stop(System.nanoTime());
    }

    /** Waits until the worker has ended; {@code true} if it did within the time. */
    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    /** Whether the worker has ended (events offered from now on are never delivered). */
    boolean hasEnded() {
        return hasEnded;
    }

    /** Events offered and not yet taken by every endpoint. */
    long pending() {
        return pending.get();
    }

    /** Events taken by every endpoint they were offered to. */
    long delivered() {
        return delivered.get();
    }

    /** Attempts in which an event was refused and scheduled again. */
    long retries() {
        return retries.get();
    }

    @Override
    public void run() {
        Thread current = Thread.currentThread();
        String containerName = current.getName();
        current.setName(name);
        thread = current;
        try {
            while (true) {
                long now = System.nanoTime();
                try {
                    deliverDue(now);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, name + ": delivering stream events failed; going on", e); // a bug
                }
                now = System.nanoTime();
                if (stopping && (nothingPending() || now - stopDeadlineNanos >= 0 || endpoints.isEmpty())) {
                    break;
                }
                sleep(now);
            }
        } finally {
            hasEnded = true;
            reportUndelivered();
            thread = null;
            current.setName(containerName);
            ended.countDown();
        }
    }

    /** One round: admit new events, then offer every event whose time has come. */
    private void deliverDue(long now) {
        admitNew(now);
        if (endpointsChanged) {
            endpointsChanged = false;
            makeEveryStreamDue(now);
        }
        PendingEvent head;
        while (hasEndpoints() && (head = due.peek()) != null && head.dueNanos - now <= 0) {
            if (stopping && now - stopDeadlineNanos >= 0) {
                return;
            }
            due.poll();
            attempt(head, now);
            now = System.nanoTime();
        }
    }

    private void admitNew(long now) {
        StreamEvent event;
        while ((event = inbox.poll()) != null) {
            PendingEvent pendingEvent = new PendingEvent(event, now);
            ArrayDeque<PendingEvent> stream = byStream.computeIfAbsent(event.streamId(), id -> new ArrayDeque<>(3));
            stream.addLast(pendingEvent);
            if (stream.size() == 1) {
                due.add(pendingEvent);
            }
        }
    }

    private void makeEveryStreamDue(long now) {
        due.clear();
        for (ArrayDeque<PendingEvent> stream : byStream.values()) {
            PendingEvent head = stream.peekFirst();
            head.dueNanos = now;
            due.add(head);
        }
    }

    /** Offers the event to every active endpoint that has not taken it yet. */
    private void attempt(PendingEvent event, long now) {
        EndpointDelivery.NotTaken refusal = null;
        boolean offered = false;
        for (MessageEndpointFactory endpoint : endpoints) {
            offered = true;
            if (event.wasTakenBy(endpoint)) {
                continue;
            }
            try {
                EndpointDelivery.deliver(endpoint, event.event);
                event.takenBy(endpoint);
            } catch (EndpointDelivery.NotTaken e) {
                refusal = e;
            }
        }
        if (refusal != null) {
            retryLater(event, refusal, now);
        } else if (offered) {
            taken(event, now);
        } else {
            due.add(event); // the last endpoint went away meanwhile: it waits for the next one
        }
    }

    private void taken(PendingEvent event, long now) {
        if (event.failures > 0) {
            takenAfterRefusal++;
            LOG.fine(() -> "stream event delivered after " + event.failures + " refusal(s): " + event.event);
        }
        delivered.incrementAndGet();
        pending.decrementAndGet();
        ArrayDeque<PendingEvent> stream = byStream.get(event.event.streamId());
        stream.removeFirst();
        PendingEvent next = stream.peekFirst();
        if (next == null) {
            byStream.remove(event.event.streamId());
            if (byStream.isEmpty() && takenAfterRefusal > 0) {
                LOG.info(name + ": every stream event is delivered again; " + takenAfterRefusal
                        + " of them after being refused at first");
                takenAfterRefusal = 0;
                lastTracedCause = null;
            }
        } else {
            next.dueNanos = now;
            due.add(next);
        }
    }

    private void retryLater(PendingEvent event, EndpointDelivery.NotTaken refusal, long now) {
        int failures = ++event.failures;
        long delayNanos = retryDelay.afterNanos(failures);
        event.dueNanos = now + delayNanos;
        due.add(event);
        retries.incrementAndGet();
        if (failures == 1) {
            String cause = String.valueOf(refusal.getCause());
            boolean newCause = !cause.equals(lastTracedCause);
            lastTracedCause = cause;
            LOG.log(Level.WARNING, refusal.getMessage() + ": " + event.event + "; offering it again in "
                    + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms, until it is taken"
                    + (newCause ? "" : " (" + cause + ", as above)"), newCause ? refusal.getCause() : null);
        } else if (failures % LOG_EVERY == 0) {
            LOG.warning(refusal.getMessage() + " (" + failures + " times so far, last: " + refusal.getCause()
                    + "): " + event.event + "; offering it again in "
                    + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms");
        }
    }

    /** Once per outage: events wait because no endpoint is active. */
    private boolean hasEndpoints() {
        if (!endpoints.isEmpty()) {
            waitingLogged = false;
            return true;
        }
        if (!waitingLogged && !byStream.isEmpty()) {
            waitingLogged = true;
            LOG.warning(name + ": no RtpStreamListener endpoint is active; stream events wait for one ("
                    + pending.get() + " now)");
        }
        return false;
    }

    private boolean nothingPending() {
        return inbox.isEmpty() && byStream.isEmpty();
    }

    /** Parks until the next event is due, something is offered, the endpoints change, or the stop deadline. */
    private void sleep(long now) {
        if (!inbox.isEmpty() || endpointsChanged) {
            return;
        }
        PendingEvent next = due.peek();
        long wakeAt;
        if (next != null && !endpoints.isEmpty()) {
            wakeAt = next.dueNanos;
            if (stopping && stopDeadlineNanos - wakeAt < 0) {
                wakeAt = stopDeadlineNanos;
            }
        } else if (stopping) {
            wakeAt = stopDeadlineNanos;
        } else {
            LockSupport.park(this); // woken by offer, endpointsChanged or stop
            return;
        }
        long nanos = wakeAt - now;
        if (nanos > 0) {
            LockSupport.parkNanos(this, nanos);
        }
    }

    private void wake() {
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    private void reportUndelivered() {
        Set<String> ids = new LinkedHashSet<>(byStream.keySet());
        long left = inbox.size();
        for (StreamEvent event : inbox) {
            ids.add(event.streamId());
        }
        for (ArrayDeque<PendingEvent> stream : byStream.values()) {
            left += stream.size();
        }
        if (left > 0) {
            long count = left;
            LOG.warning(() -> name + " ended with " + count + " stream event(s) not delivered (the recorder finishes"
                    + " their recordings from its database and files at its next start); streams "
                    + ids.stream().limit(IDS_NAMED_AT_STOP).toList()
                    + (ids.size() > IDS_NAMED_AT_STOP ? " and " + (ids.size() - IDS_NAMED_AT_STOP) + " more" : ""));
        }
    }
}
