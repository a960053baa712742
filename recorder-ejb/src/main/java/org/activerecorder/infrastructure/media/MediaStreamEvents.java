package org.activerecorder.infrastructure.media;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.activerecorder.application.internal.StreamLifecycle;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.rtp.api.RtpStreamListener;
import org.activerecorder.rtp.api.StreamEvent;
import org.jboss.ejb3.annotation.ResourceAdapter;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives the RTP adapter's stream events (first packet, stream closed) and applies them to the
 * recordings. Each event is applied in its own transaction by {@link StreamLifecycle}; a failure is
 * logged and never thrown back into the adapter.
 */
@MessageDriven(messageListenerInterface = RtpStreamListener.class)
@ResourceAdapter("#recorder-rtp.rar")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaStreamEvents implements RtpStreamListener {

    private static final Logger LOG = Logger.getLogger(MediaStreamEvents.class.getName());

    @EJB
    private StreamLifecycle lifecycle;

    @Override
    public void onStreamEvent(StreamEvent event) {
        try {
            if (event instanceof StreamEvent.FirstPacket first) {
                lifecycle.firstPacket(first.streamId(), first.arrival());
            } else if (event instanceof StreamEvent.Closed closed) {
                lifecycle.streamClosed(closed.streamId(), closed.firstSample(), statistics(closed),
                        closed.reason().name());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot apply " + event, e);
        }
    }

    private static StreamStatistics statistics(StreamEvent.Closed closed) {
        org.activerecorder.rtp.api.StreamStatistics s = closed.statistics();
        return new StreamStatistics(s.packetsReceived(), s.packetsMalformed(), s.packetsForeign(), s.packetsLate(),
                s.packetsLost(), s.packetsDuplicate(), s.samplesWritten());
    }
}
