package org.activerecorder.rtp.adapter;

import jakarta.resource.ResourceException;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.StreamSpec;

/**
 * The {@link RtpConnection} an application holds. Thin: it forwards to its managed connection, which the
 * container may swap ({@link RtpManagedConnection#associateConnection}). After {@link #close()} (or after the
 * container cleaned its managed connection up) every call fails; the streams opened through it stay open.
 */
public class RtpConnectionHandle implements RtpConnection {

    private volatile RtpManagedConnection managedConnection;
    private volatile boolean closed;

    RtpConnectionHandle(RtpManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    @Override
    public OpenedStream open(StreamSpec spec) throws ResourceException {
        return live().open(spec);
    }

    @Override
    public boolean close(String streamId) throws ResourceException {
        return live().close(streamId);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        managedConnection.handleClosed(this);
    }

    RtpManagedConnection managedConnection() {
        return managedConnection;
    }

    void associate(RtpManagedConnection connection) {
        this.managedConnection = connection;
    }

    /** The container cleaned the managed connection up; the handle is dead without an event. */
    void invalidate() {
        closed = true;
    }

    private RtpManagedConnection live() throws ResourceException {
        if (closed) {
            throw new ResourceException("this RTP connection handle is closed");
        }
        return managedConnection;
    }
}
