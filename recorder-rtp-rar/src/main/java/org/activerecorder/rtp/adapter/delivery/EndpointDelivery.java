package org.activerecorder.rtp.adapter.delivery;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.activerecorder.rtp.api.RtpStreamListener;
import org.activerecorder.rtp.api.StreamEvent;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one event to one endpoint: create the endpoint, call {@link RtpStreamListener#onStreamEvent}, release.
 *
 * <p>No {@code beforeDelivery}/{@code afterDelivery}: they exist for adapters that enlist their own XAResource in
 * the delivery transaction. Without them, WildFly runs the call through the MDB's own interceptors, so a
 * container-managed {@code REQUIRED} MDB still gets its transaction and its class loader.
 */
final class EndpointDelivery implements Runnable {

    private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());

    private final MessageEndpointFactory factory;
    private final StreamEvent event;

    EndpointDelivery(MessageEndpointFactory factory, StreamEvent event) {
        this.factory = factory;
        this.event = event;
    }

    @Override
    public void run() {
        MessageEndpoint endpoint = null;
        try {
            endpoint = factory.createEndpoint(null);
            ((RtpStreamListener) endpoint).onStreamEvent(event);
        } catch (UnavailableException e) {
            LOG.log(Level.WARNING, "no message endpoint available for " + event + "; event dropped", e);
        } catch (ClassCastException e) {
            LOG.log(Level.SEVERE, "endpoint " + factory + " does not implement the adapter's RtpStreamListener:"
                    + " is recorder-rtp-api packaged twice (EAR lib and a module)?", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener failed on " + event, e);
        } finally {
            if (endpoint != null) {
                try {
                    endpoint.release();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "releasing the endpoint failed", e);
                }
            }
        }
    }

    StreamEvent event() {
        return event;
    }
}
