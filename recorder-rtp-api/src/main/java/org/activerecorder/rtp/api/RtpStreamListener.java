package org.activerecorder.rtp.api;

/**
 * The inbound message listener type of the RTP adapter: an MDB implementing it receives every
 * stream lifecycle event. Implementations must return quickly and must not throw for an event
 * about a stream they do not know (it may belong to an earlier deployment).
 */
public interface RtpStreamListener {

    void onStreamEvent(StreamEvent event);
}
