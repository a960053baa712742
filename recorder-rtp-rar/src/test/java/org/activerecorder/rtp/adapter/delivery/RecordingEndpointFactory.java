package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.api.RtpStreamListener;
import org.activerecorder.rtp.api.StreamEvent;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the container's endpoint factory of an MDB: each endpoint is a proxy implementing
 * {@link MessageEndpoint} and (unless told otherwise) {@link RtpStreamListener}, recording what it receives,
 * on which thread, and how often endpoints are created and released.
 */
public final class RecordingEndpointFactory {

    public final List<StreamEvent> received = new CopyOnWriteArrayList<>();
    public final List<String> deliveryThreads = new CopyOnWriteArrayList<>();
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();

    private boolean listener = true;
    private boolean unavailable;
    private boolean throwing;

    /** Endpoints that do not implement the listener (a second copy of the API in another class loader). */
    public RecordingEndpointFactory notAListener() {
        listener = false;
        return this;
    }

    /** createEndpoint fails, as when the MDB pool is exhausted or the MDB is being undeployed. */
    public RecordingEndpointFactory unavailable() {
        unavailable = true;
        return this;
    }

    /** The listener throws from onStreamEvent. */
    public RecordingEndpointFactory throwing() {
        throwing = true;
        return this;
    }

    public MessageEndpointFactory factory() {
        return (MessageEndpointFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "createEndpoint":
                            if (unavailable) {
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
                    deliveryThreads.add(Thread.currentThread().getName());
                    received.add((StreamEvent) args[0]);
                    if (throwing) {
                        throw new IllegalStateException("test: listener failure");
                    }
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
}
