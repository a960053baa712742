package org.activerecorder.rtp.adapter;

import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ResourceAdapter;
import org.activerecorder.rtp.api.RtpStreamListener;

/**
 * Activation of an MDB that implements {@link RtpStreamListener}. It has no properties: every active endpoint
 * receives every stream event (filtering by stream is the listener's business, since stream ids are the EJB
 * layer's).
 */
@Activation(messageListeners = RtpStreamListener.class)
public class RtpActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;

    /** Nothing to validate: there are no properties. */
    @Override
    public void validate() {
        // no properties
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
