package org.activerecorder.rtp.api;

import jakarta.resource.ResourceException;

/**
 * A handle on the RTP adapter for controlling streams. Not used per packet.
 */
public interface RtpConnection extends AutoCloseable {

    /**
     * Allocates a local RTP port (even; RTCP is the odd one above), starts receiving and recording.
     *
     * @throws ResourceException when no port in the configured range is free, or the file cannot be created
     */
    OpenedStream open(StreamSpec spec) throws ResourceException;

    /**
     * Stops receiving, finishes the stream's file and releases its ports. A {@link StreamEvent.Closed}
     * event follows. Closing an unknown or already closed stream does nothing and returns {@code false}.
     */
    boolean close(String streamId) throws ResourceException;

    /** Releases this handle (not the streams opened through it). */
    @Override
    void close() throws ResourceException;
}
