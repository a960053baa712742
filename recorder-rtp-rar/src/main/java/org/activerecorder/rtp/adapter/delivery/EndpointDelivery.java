package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.api.RtpStreamListener;
import org.activerecorder.rtp.api.StreamEvent;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attempt to hand one event to one endpoint: create the endpoint, call {@link RtpStreamListener#onStreamEvent},
 * release. Either the listener returned (the event is taken) or {@link NotTaken} says why not.
 *
 * <p>No {@code beforeDelivery}/{@code afterDelivery}: they exist for adapters that enlist their own XAResource in
 * the delivery transaction. Without them, WildFly runs the call through the MDB's own interceptors, so a
 * container-managed {@code REQUIRED} MDB still gets its transaction and its class loader.
 */
final class EndpointDelivery {

    private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());

    private EndpointDelivery() {
    }

    /** Delivers {@code event} to an endpoint of {@code factory}; returns only if the listener took it. */
    static void deliver(MessageEndpointFactory factory, StreamEvent event) throws NotTaken {
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException | RuntimeException e) {
            throw new NotTaken("no endpoint available from " + factory, e);
        }
        try {
            ((RtpStreamListener) endpoint).onStreamEvent(event);
        } catch (ClassCastException e) {
            throw new NotTaken("endpoint of " + factory + " does not implement the adapter's RtpStreamListener:"
                    + " is recorder-rtp-api packaged twice (EAR lib and a module)?", e);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: an MDB being undeployed can lose its classes mid-call; the next endpoint may be fine
            throw new NotTaken("the listener of " + factory + " did not take it", e);
        } finally {
            try {
                endpoint.release();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "releasing the endpoint failed", e);
            }
        }
    }

    /** The endpoint did not take the event; it is to be offered again later. */
    static final class NotTaken extends Exception {

        private static final long serialVersionUID = 1L;

        NotTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
