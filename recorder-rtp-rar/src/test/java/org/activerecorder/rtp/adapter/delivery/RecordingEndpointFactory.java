package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.api.RtpStreamListener;
import org.activerecorder.rtp.api.StreamEvent;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for the container's endpoint factory of an MDB: each endpoint is a proxy implementing
 * {@link MessageEndpoint} and (unless told otherwise) {@link RtpStreamListener}, recording every call it receives
 * (taken or not), when, on which thread, and how often endpoints are created and released. It can be told to refuse
 * events (throw), to refuse to create endpoints, or to block in the listener.
 */
public final class RecordingEndpointFactory {

    /** Every event the listener was called with, in order, including the ones it threw on. */
    public final List<StreamEvent> received = new CopyOnWriteArrayList<>();
    /** Only the events it took (returned normally), in order. */
    public final List<StreamEvent> taken = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} of each call in {@link #received}. */
    public final List<Long> receivedNanos = new CopyOnWriteArrayList<>();
    public final List<String> deliveryThreads = new CopyOnWriteArrayList<>();
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();

    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger unavailableLeft = new AtomicInteger();
    private volatile boolean listener = true;
    private volatile Predicate<StreamEvent> refused = event -> false;
    private volatile CountDownLatch blockUntil;

    /** Endpoints that do not implement the listener (a second copy of the API in another class loader). */
    public RecordingEndpointFactory notAListener() {
        listener = false;
        return this;
    }

    /** createEndpoint always fails, as when the MDB is being undeployed. */
    public RecordingEndpointFactory unavailable() {
        return unavailableFirst(Integer.MAX_VALUE);
    }

    /** createEndpoint fails the first {@code times} times, as when the MDB pool is momentarily exhausted. */
    public RecordingEndpointFactory unavailableFirst(int times) {
        unavailableLeft.set(times);
        return this;
    }

    /** The listener always throws from onStreamEvent. */
    public RecordingEndpointFactory throwing() {
        return refusing(event -> true);
    }

    /** The listener throws on its first {@code times} calls, then takes everything. */
    public RecordingEndpointFactory throwingFirst(int times) {
        refusalsLeft.set(times);
        return this;
    }

    /** From now on the listener throws on the events {@code which} matches (replacing any earlier rule). */
    public RecordingEndpointFactory refusing(Predicate<StreamEvent> which) {
        refused = which;
        return this;
    }

    /** The listener waits in its first call until {@code latch} opens (an MDB stuck on a database lock). */
    public RecordingEndpointFactory blockingUntil(CountDownLatch latch) {
        blockUntil = latch;
        return this;
    }

    public MessageEndpointFactory factory() {
        return (MessageEndpointFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "createEndpoint":
                            if (unavailableLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                                throw new UnavailableException("test: no endpoint");
                            }
                            created.incrementAndGet();
                            return endpoint();
                        case "isDeliveryTransacted":
                            return false;
                        case "getActivationName":
                            return "test-mdb";
                        case "getEndpointClass":
                            return RtpStreamListener.class;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "test endpoint factory";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private Object endpoint() {
        Class<?>[] types = listener
                ? new Class<?>[] {MessageEndpoint.class, RtpStreamListener.class}
                : new Class<?>[] {MessageEndpoint.class};
        return Proxy.newProxyInstance(getClass().getClassLoader(), types, (proxy, method, args) -> {
            switch (method.getName()) {
                case "onStreamEvent":
                    onStreamEvent((StreamEvent) args[0]);
                    return null;
                case "release":
                    released.incrementAndGet();
                    return null;
                case "beforeDelivery":
                case "afterDelivery":
                    throw new AssertionError("not needed for a non-transacted listener");
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "test endpoint";
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    private void onStreamEvent(StreamEvent event) throws InterruptedException {
        CountDownLatch latch = blockUntil;
        if (latch != null) {
            blockUntil = null;
            latch.await();
        }
        receivedNanos.add(System.nanoTime());
        deliveryThreads.add(Thread.currentThread().getName());
        received.add(event);
        if (refusalsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 || refused.test(event)) {
            throw new IllegalStateException("test: listener failure");
        }
        taken.add(event);
    }
}
