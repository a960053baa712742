package org.activerecorder.rtp.adapter;

import jakarta.resource.ResourceException;
import org.activerecorder.rtp.adapter.receive.StreamOpenRefused;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

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
    public boolean closeLater(String streamId) throws ResourceException {
        return live().receiver().closeLater(streamId);
    }

    @Override
    public boolean stopRecording(String streamId, Instant from) throws ResourceException {
        return live().receiver().stopRecording(streamId, from);
    }

    @Override
    public Optional<OpenedStream> recordAgain(String streamId, String newStreamId, Path audioFile)
            throws ResourceException {
        try {
            return live().receiver().recordAgain(streamId, newStreamId, audioFile);
        } catch (StreamOpenRefused e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    @Override
    public boolean pause(String streamId, Instant from) throws ResourceException {
        return live().receiver().pause(streamId, from);
    }

    @Override
    public boolean resume(String streamId, Instant from) throws ResourceException {
        return live().receiver().resume(streamId, from);
    }

    @Override
    public boolean expectSource(String streamId, InetSocketAddress source) throws ResourceException {
        return live().receiver().expectSource(streamId, source);
    }

    @Override
    public boolean attachTap(String streamId, AudioTap tap) throws ResourceException {
        return live().receiver().attachTap(streamId, tap);
    }

    @Override
    public void detachTap(String streamId, AudioTap tap) throws ResourceException {
        live().receiver().detachTap(streamId, tap);
    }

    @Override
    public Set<String> openStreamIds() throws ResourceException {
        return live().receiver().openStreamIds();
    }

    @Override
    public Optional<StreamStatistics> statistics(String streamId) throws ResourceException {
        return live().receiver().statistics(streamId);
    }

    @Override
    public MediaPlaneFigures mediaPlane() throws ResourceException {
        return live().mediaPlane();
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
