package org.activerecorder.rtp.adapter.pipeline;

import java.net.InetSocketAddress;

/**
 * Source latching: the address of the first valid packet becomes the stream's source, and datagrams from any
 * other address (another port of the same host included) are not the stream's unless the source moves there
 * ({@link SourceRelatch} decides when).
 *
 * <p>Why latch instead of trusting the SDP: behind NAT or a media proxy the address in the offer is often not
 * the one packets come from. The JDK hands out a cached {@link InetSocketAddress} while the sender stays the
 * same, so the identity check usually answers without comparing.
 */
public final class SourceLatch {

    private InetSocketAddress source;

    public boolean isLatched() {
        return source != null;
    }

    /** Whether {@code from} is the latched source; {@code false} before latching. */
    public boolean matches(InetSocketAddress from) {
        return from == source || (source != null && source.equals(from));
    }

    /** Latches on to {@code from}; later calls are ignored (the first source stays). */
    public void latch(InetSocketAddress from) {
        if (source == null) {
            source = from;
        }
    }

    /** The source moved to {@code to}: only it matches from now on. */
    public void move(InetSocketAddress to) {
        source = to;
    }

    /** The latched source, or {@code null}. */
    public InetSocketAddress source() {
        return source;
    }
}
