/**
 * The contract between the RTP resource adapter and the rest of the recorder.
 *
 * <p>Control flows outbound: an EJB obtains an {@link org.activerecorder.rtp.api.RtpConnection} from the
 * {@link org.activerecorder.rtp.api.RtpConnectionFactory} bound at {@value org.activerecorder.rtp.api.RtpConnectionFactory#JNDI_NAME}
 * and opens or closes a media stream. Lifecycle events flow inbound: the adapter delivers
 * {@link org.activerecorder.rtp.api.StreamEvent}s to message-driven beans that implement
 * {@link org.activerecorder.rtp.api.RtpStreamListener}. Nothing here is called per packet.
 */
package org.activerecorder.rtp.api;
