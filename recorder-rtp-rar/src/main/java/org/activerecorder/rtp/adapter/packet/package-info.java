/**
 * The RTP wire format (RFC 3550 section 5.1) and the telephone-event payload (RFC 4733 section 2.3), read in place.
 *
 * <p>{@link org.activerecorder.rtp.adapter.packet.RtpPacketView} is a reusable view over the receive loop's
 * buffer: parsing never allocates and never throws for bad input; it returns an
 * {@link org.activerecorder.rtp.adapter.packet.RtpVerdict} that the pipeline counts.
 * {@link org.activerecorder.rtp.adapter.packet.TelephoneEventView} reads a DTMF event from the payload the same way.
 */
package org.activerecorder.rtp.adapter.packet;
