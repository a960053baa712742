package org.activerecorder.rtp.api;

/**
 * The inbound message listener type of the RTP adapter: an MDB implementing it receives every
 * stream lifecycle event.
 *
 * <p>Returning normally means the event is taken: applied, or deliberately ignored (an event about a stream the
 * listener does not know may belong to an earlier deployment, and must not throw). Throwing means it was not taken
 * (the database was busy, a transaction failed): the adapter delivers it again later, with a growing delay, until
 * it is taken. Implementations must return quickly and apply events idempotently.
 */
public interface RtpStreamListener {

    void onStreamEvent(StreamEvent event);
}
