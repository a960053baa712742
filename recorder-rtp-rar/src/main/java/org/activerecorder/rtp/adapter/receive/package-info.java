/**
 * The receive side of the adapter, independent of the JCA container: it runs on any {@link java.util.concurrent.Executor}.
 *
 * <p>{@link org.activerecorder.rtp.adapter.receive.RtpReceiver} owns the port range
 * ({@link org.activerecorder.rtp.adapter.receive.PortAllocator}), the live streams and a few
 * {@link org.activerecorder.rtp.adapter.receive.ReceiveLoop}s, each one thread with one {@link java.nio.channels.Selector}
 * over the non-blocking channels of many streams (never a thread per stream). Callers open a stream on their own
 * thread (the ports are bound there, so a failure is theirs to see) and hand it to a loop through a queue; from
 * then on only that loop touches the stream ({@link org.activerecorder.rtp.adapter.receive.RtpStream}), which is
 * why its counters can be plain fields. Lifecycle events leave through a
 * {@link org.activerecorder.rtp.adapter.receive.StreamEventSink}.
 */
package org.activerecorder.rtp.adapter.receive;
