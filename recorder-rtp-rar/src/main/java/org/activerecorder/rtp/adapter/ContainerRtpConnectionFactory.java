package org.activerecorder.rtp.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;

import javax.naming.Reference;

/**
 * The {@link RtpConnectionFactory} bound in JNDI: every {@link #getConnection()} goes through the container's
 * {@link ConnectionManager}, which takes a managed connection from its pool and asks it for a handle.
 * Serializable and {@link jakarta.resource.Referenceable} as JNDI binding requires.
 */
public class ContainerRtpConnectionFactory implements RtpConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final RtpManagedConnectionFactory managedConnectionFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    public ContainerRtpConnectionFactory(RtpManagedConnectionFactory managedConnectionFactory,
                                         ConnectionManager connectionManager) {
        this.managedConnectionFactory = managedConnectionFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public RtpConnection getConnection() throws ResourceException {
        return (RtpConnection) connectionManager.allocateConnection(managedConnectionFactory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
