/**
 * The Jakarta Connectors (JCA 2.1) face of the RTP adapter, and nothing else: the
 * {@link org.activerecorder.rtp.adapter.RtpResourceAdapter} with its configuration and lifecycle, the outbound
 * connection definition the EJBs use to open and close streams
 * ({@link org.activerecorder.rtp.adapter.RtpManagedConnectionFactory},
 * {@link org.activerecorder.rtp.adapter.RtpManagedConnection},
 * {@link org.activerecorder.rtp.adapter.RtpConnectionHandle},
 * {@link org.activerecorder.rtp.adapter.ContainerRtpConnectionFactory}) and the inbound activation for MDBs
 * ({@link org.activerecorder.rtp.adapter.RtpActivationSpec}).
 *
 * <p>The work is done in the sub-packages: {@code receive} (sockets, loops, streams), {@code pipeline} (the
 * per-packet media path), {@code packet} (RTP parsing), {@code delivery} (events to MDBs) and {@code work}
 * (WorkManager glue). {@code META-INF/ironjacamar.xml} binds the connection factory and sets the
 * configuration from system properties.
 */
package org.activerecorder.rtp.adapter;
