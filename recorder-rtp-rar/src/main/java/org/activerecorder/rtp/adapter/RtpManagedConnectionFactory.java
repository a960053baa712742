package org.activerecorder.rtp.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import org.activerecorder.rtp.adapter.receive.RtpReceiver;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.Set;

/**
 * The outbound connection definition: makes the {@link RtpConnectionFactory} bound at
 * {@value RtpConnectionFactory#JNDI_NAME} (see {@code META-INF/ironjacamar.xml}) and the managed connections
 * behind its handles. A managed connection holds no resource of its own (the streams belong to the adapter), so
 * all of them are interchangeable and pooling them is nearly free.
 */
@ConnectionDefinition(
        connectionFactory = RtpConnectionFactory.class,
        connectionFactoryImpl = ContainerRtpConnectionFactory.class,
        connection = RtpConnection.class,
        connectionImpl = RtpConnectionHandle.class)
public class RtpManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient RtpResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new ContainerRtpConnectionFactory(this, connectionManager);
    }

    /** Outside a container (tests, tools): every handle gets its own managed connection. */
    @Override
    public Object createConnectionFactory() {
        return new ContainerRtpConnectionFactory(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo requestInfo) {
        return new RtpManagedConnection(this);
    }

    /** Any of ours will do: they carry no state. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject,
                                                     ConnectionRequestInfo requestInfo) {
        for (Object candidate : candidates) {
            if (candidate instanceof RtpManagedConnection
                    && ((RtpManagedConnection) candidate).factory() == this) {
                return (ManagedConnection) candidate;
            }
        }
        return null;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        if (!(resourceAdapter instanceof RtpResourceAdapter)) {
            throw new ResourceException("not the RTP resource adapter: " + resourceAdapter);
        }
        this.resourceAdapter = (RtpResourceAdapter) resourceAdapter;
    }

    /** The adapter's receiver, for the handles. */
    RtpReceiver receiver() throws ResourceException {
        RtpResourceAdapter adapter = resourceAdapter;
        if (adapter == null) {
            throw new ResourceException("the connection factory is not associated with the RTP adapter");
        }
        return adapter.receiver();
    }

    /** The adapter's media plane figures, for the handles. */
    MediaPlaneFigures mediaPlane() throws ResourceException {
        RtpResourceAdapter adapter = resourceAdapter;
        if (adapter == null) {
            throw new ResourceException("the connection factory is not associated with the RTP adapter");
        }
        return adapter.mediaPlane();
    }

    /** No configuration of its own: factories of the same adapter are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RtpManagedConnectionFactory
                && ((RtpManagedConnectionFactory) other).resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return RtpManagedConnectionFactory.class.hashCode();
    }
}
