package org.activerecorder.application.internal;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.StreamEndReason;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes the recordings a stop of the server interrupted. A stream still open in the database when the
 * recorder starts can never hear its BYE or its adapter's end again (both live in memory), but its file
 * holds everything written up to the last flush. Each such stream is ended as {@code RECOVERED_AT_START}, with the
 * rest of its recording marked lost to a server restart, and a recording whose streams have all ended is assembled
 * as usual (it is {@code INCOMPLETE}: audio was lost). What this misses, the {@link RecordingSweep} finishes.
 *
 * <p>Only streams opened before this start are touched, so sessions that arrive while this runs are safe.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedRecordingsRecovery {

    private static final Logger LOG = Logger.getLogger(InterruptedRecordingsRecovery.class.getName());

    @Inject
    private RecordingRepository recordings;

    @EJB
    private StreamLifecycle lifecycle;

    @PostConstruct
    void recover() {
        Instant started = Instant.now();
        List<String> interrupted = recordings.openStreamIdsOpenedBefore(started);
        if (interrupted.isEmpty()) {
            return;
        }
        LOG.warning(() -> interrupted.size() + " stream(s) were still open when the recorder stopped; finishing them");
        for (String streamId : interrupted) {
            try {
                lifecycle.streamUnreported(streamId, StreamEndReason.RECOVERED_AT_START);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Cannot recover stream " + streamId + "; its file is kept and the sweep tries"
                        + " again", e);
            }
        }
    }
}
