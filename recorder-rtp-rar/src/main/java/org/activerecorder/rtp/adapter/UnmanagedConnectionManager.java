package org.activerecorder.rtp.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;

/**
 * The connection manager for use outside a container (JCA "non-managed" mode): no pool, a new managed connection
 * per handle. Managed connections hold nothing, so there is nothing to leak.
 */
final class UnmanagedConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        return factory.createManagedConnection(null, requestInfo).getConnection(null, requestInfo);
    }
}
