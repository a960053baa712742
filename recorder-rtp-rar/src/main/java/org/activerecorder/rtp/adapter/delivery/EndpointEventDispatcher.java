package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.adapter.receive.StreamEventSink;
import org.activerecorder.rtp.api.StreamEvent;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Delivers stream events to every active message endpoint, at least once, without ever holding up a receive loop.
 *
 * <p>{@link #publish} only puts the event in a lock-free queue and returns: it never blocks and never throws, and it
 * schedules nothing (a WorkManager whose pool is full would refuse, or block, the loop). A few
 * {@link DeliveryWorker}s, started once as long-running Work, take the events from there; each stream's events
 * always go to the same worker, so they are delivered in the order they were published. An event a listener throws
 * on, or that finds no endpoint to take it, is kept and offered again later (see {@link RetryDelay}) until it is
 * taken, as {@code RtpStreamListener} promises; with several endpoints it goes once to each.
 *
 * <p>Nothing is dropped, so the queue is unbounded; what bounds it is the streams: each publishes two events, and
 * the adapter refuses streams beyond its port range. Events still undelivered when the adapter stops are logged
 * with their count: at undeploy the MDB stops before the adapter, and the EJB side finishes such recordings from
 * its database and files when it starts.
 *
 * <p>Activation and deactivation are idempotent (WildFly deactivates the same endpoint twice on shutdown).
 */
public final class EndpointEventDispatcher implements StreamEventSink {

    private static final Logger LOG = Logger.getLogger(EndpointEventDispatcher.class.getName());

    private final Set<MessageEndpointFactory> endpoints = new CopyOnWriteArraySet<>();
    private final DeliveryWorker[] workers;

    /** @param workers delivery threads (each holds one of the WorkManager's long-running threads) */
    public EndpointEventDispatcher(int workers) {
        this(workers, RetryDelay.DEFAULT);
    }

    EndpointEventDispatcher(int workers, RetryDelay retryDelay) {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one delivery worker, not " + workers);
        }
        this.workers = new DeliveryWorker[workers];
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new DeliveryWorker("rtp-event-delivery-" + i, endpoints, retryDelay);
        }
    }

    /**
     * Starts the delivery workers, one long-running task each on {@code runner}. Events published before are kept
     * and delivered once they run.
     *
     * @throws RejectedExecutionException when the runner refuses a worker; the ones already started are stopped
     */
    public void start(Executor runner) {
        for (int i = 0; i < workers.length; i++) {
            try {
                runner.execute(workers[i]);
            } catch (RuntimeException e) {
                for (int started = 0; started < i; started++) {
                    workers[started].stop(System.nanoTime());
                }
                throw e;
            }
        }
    }

    /**
     * Delivers what it can for up to {@code drain}, then ends the workers; returns once they have ended (or a little
     * after {@code drain} if one does not). With no endpoint active it ends at once: nothing could be delivered.
     *
     * @return {@code true} if every event published was delivered
     */
    public boolean stop(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        for (DeliveryWorker worker : workers) {
            worker.stop(deadline);
        }
        try {
            for (DeliveryWorker worker : workers) {
                long wait = Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1);
                if (!worker.awaitEnd(wait, TimeUnit.NANOSECONDS)) {
                    LOG.warning("a stream event delivery worker did not end within " + drain
                            + " (a listener call that does not return?)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pending() == 0;
    }

    /**
     * Starts delivering to {@code factory}; events waiting for an endpoint go to it at once.
     *
     * @return {@code false} if it was already active
     */
    public boolean activate(MessageEndpointFactory factory) {
        if (!endpoints.add(factory)) {
            return false;
        }
        for (DeliveryWorker worker : workers) {
            worker.endpointsChanged();
        }
        return true;
    }

    /** Stops delivering to {@code factory}; {@code false} if it was not active. */
    public boolean deactivate(MessageEndpointFactory factory) {
        return endpoints.remove(factory);
    }

    /** Queues the event for delivery and returns at once; never blocks, never throws. */
    @Override
    public void publish(StreamEvent event) {
        DeliveryWorker worker = workers[Math.floorMod(event.streamId().hashCode(), workers.length)];
        worker.offer(event);
        if (worker.hasEnded()) {
            LOG.warning("stream event published after event delivery stopped; not delivered: " + event);
        }
    }

    public int activeEndpoints() {
        return endpoints.size();
    }

    /** Events published and not yet taken by every endpoint they are for. */
    public long pending() {
        long sum = 0;
        for (DeliveryWorker worker : workers) {
            sum += worker.pending();
        }
        return sum;
    }

    /** Events taken by every endpoint. */
    public long delivered() {
        long sum = 0;
        for (DeliveryWorker worker : workers) {
            sum += worker.delivered();
        }
        return sum;
    }

    /** Times an event was refused (a listener threw, or no endpoint could be created) and offered again later. */
    public long retries() {
        long sum = 0;
        for (DeliveryWorker worker : workers) {
            sum += worker.retries();
        }
        return sum;
    }

    /** The counters in one line, for the adapter's log. */
    public String summary() {
        return "stream events delivered=" + delivered() + " retries=" + retries() + " pending=" + pending();
    }
}
