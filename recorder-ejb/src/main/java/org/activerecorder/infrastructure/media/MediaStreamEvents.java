package org.activerecorder.infrastructure.media;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.activerecorder.application.StreamReports;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.rtp.api.RtpStreamListener;
import org.activerecorder.rtp.api.StreamEvent;
import org.jboss.ejb3.annotation.ResourceAdapter;

import java.util.logging.Logger;

/**
 * Receives the RTP adapter's stream events (first packet, first sample settled, stream closed) and applies them to the recordings, each
 * in its own transaction by {@link StreamReports}. Delivery is at least once: when an event cannot be applied (the
 * database is busy, the transaction fails) this throws {@link EventNotTaken}, and the adapter delivers the event
 * again later; an event about a stream the recorder does not know (an earlier deployment's) is taken and ignored.
 * Applying an event twice changes nothing.
 *
 * <p>A settled first sample is only of use to the file built ahead ({@link ProgressiveAssembly}), in memory: it is
 * told there directly when that knows the stream, and through {@link StreamReports} (a transaction with the
 * recording locked) only when it does not. Two transactions a call fewer (docs/performance.md, series BL).
 */
@MessageDriven(messageListenerInterface = RtpStreamListener.class)
@ResourceAdapter("#recorder-rtp.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaStreamEvents implements RtpStreamListener {

    private static final Logger LOG = Logger.getLogger(MediaStreamEvents.class.getName());

    @EJB
    private StreamReports lifecycle;

    @Inject
    private ProgressiveAssembly progressive;

    public MediaStreamEvents() {
        // for the container
    }

    MediaStreamEvents(StreamReports lifecycle, ProgressiveAssembly progressive) {
        this.lifecycle = lifecycle;
        this.progressive = progressive;
    }

    @Override
    public void onStreamEvent(StreamEvent event) {
        try {
            if (event instanceof StreamEvent.FirstPacket first) {
                lifecycle.firstPacket(first.streamId(), first.arrival());
            } else if (event instanceof StreamEvent.FirstSampleSettled settled) {
                if (!progressive.firstSampleSettled(settled.streamId(), settled.firstSample())) {
                    lifecycle.firstSampleSettled(settled.streamId(), settled.firstSample());
                }
            } else if (event instanceof StreamEvent.Closed closed) {
                lifecycle.streamClosed(closed.streamId(), StreamEventTranslation.end(closed));
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Cannot apply " + describe(event) + " now; the adapter delivers it again: " + e);
            throw new EventNotTaken(describe(event), e);
        }
    }

    private static String describe(StreamEvent event) {
        return event.getClass().getSimpleName() + " of stream " + event.streamId();
    }
}
