package org.activerecorder.rtp.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import org.activerecorder.rtp.adapter.receive.RtpReceiver;
import org.activerecorder.rtp.adapter.receive.StreamOpenRefused;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamSpec;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pooled "connection" to the adapter. It holds no socket or stream: it only gives out
 * {@link RtpConnectionHandle}s, forwards their calls to the adapter's receiver and tells the pool when a handle is
 * closed. No transactions (the streams are not transactional resources).
 */
public class RtpManagedConnection implements ManagedConnection {

    private static final ManagedConnectionMetaData META_DATA = new ManagedConnectionMetaData() {
        @Override
        public String getEISProductName() {
            return "Active Recorder RTP adapter";
        }

        @Override
        public String getEISProductVersion() {
            return "0.1";
        }

        @Override
        public int getMaxConnections() {
            return 0; // no limit of its own
        }

        @Override
        public String getUserName() {
            return "";
        }
    };

    private final RtpManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<RtpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    RtpManagedConnection(RtpManagedConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo requestInfo) {
        RtpConnectionHandle handle = new RtpConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof RtpConnectionHandle)) {
            throw new ResourceException("not an RTP connection handle: " + connection);
        }
        RtpConnectionHandle handle = (RtpConnectionHandle) connection;
        handle.managedConnection().handles.remove(handle);
        handle.associate(this);
        handles.add(handle);
    }

    /** Invalidates the handles still out; the pool may reuse this connection. */
    @Override
    public void cleanup() {
        for (RtpConnectionHandle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        listeners.clear();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("the RTP adapter is not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("the RTP adapter is not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return META_DATA;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    RtpManagedConnectionFactory factory() {
        return factory;
    }

    OpenedStream open(StreamSpec spec) throws ResourceException {
        try {
            return factory.receiver().open(spec);
        } catch (StreamOpenRefused e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    boolean close(String streamId) throws ResourceException {
        return factory.receiver().close(streamId);
    }

    /** The running receiver, for the stream controls that need no translation. */
    RtpReceiver receiver() throws ResourceException {
        return factory.receiver();
    }

    /** The adapter's media plane figures. */
    MediaPlaneFigures mediaPlane() throws ResourceException {
        return factory.mediaPlane();
    }

    /** A handle was closed by the application: tell the pool this connection is free. */
    void handleClosed(RtpConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }
}
