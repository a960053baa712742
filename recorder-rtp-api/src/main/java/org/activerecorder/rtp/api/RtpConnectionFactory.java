package org.activerecorder.rtp.api;

import jakarta.resource.ResourceException;

import java.io.Serializable;

/**
 * The adapter's outbound connection factory, bound in JNDI at {@link #JNDI_NAME}.
 */
public interface RtpConnectionFactory extends Serializable, jakarta.resource.Referenceable {

    String JNDI_NAME = "java:/eis/RtpConnectionFactory";

    /** A connection handle; close it when done (it is cheap: handles share one adapter). */
    RtpConnection getConnection() throws ResourceException;
}
