package org.activerecorder.interfaces.web;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.resource.ResourceException;
import org.activerecorder.application.RecordingView;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.activerecorder.rtp.api.StreamStatistics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs the dashboard's load figures: the recordings folder's free space, and the media plane's ports, streams and
 * packet figures, read from the RTP adapter as the readiness probe and the metrics read them (one reading per page),
 * and each active call's loss so far. A figure that cannot be read says so rather than showing a number.
 */
@Named("load")
@RequestScoped
public class ServerLoad {

    private static final Logger LOG = Logger.getLogger(ServerLoad.class.getName());
    private static final double GIB = 1024.0 * 1024 * 1024;

    @Inject
    private RecordingFolder folder;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    private MediaPlaneFigures figures;
    private boolean mediaRead;

    /** "12.3 GiB free of 50.0 GiB (25 %)" for the recordings folder's file system. */
    public String getDisk() {
        try {
            FileStore store = Files.getFileStore(folder.resolve(""));
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            return String.format(Locale.ROOT, "%.1f GiB free of %.1f GiB (%d %%)", free / GIB, total / GIB,
                    total == 0 ? 0 : Math.round(100.0 * free / total));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "the recordings folder's space cannot be read", e);
            return "unknown: the recordings folder cannot be read (" + e.getMessage() + ")";
        }
    }

    /** The media plane's figures now; null when the RTP adapter cannot be reached. */
    public MediaPlaneFigures getMedia() {
        if (!mediaRead) {
            mediaRead = true;
            try (RtpConnection connection = media.getConnection()) {
                figures = connection.mediaPlane();
            } catch (ResourceException | RuntimeException e) {
                LOG.log(Level.FINE, "the media plane's figures cannot be read", e);
            }
        }
        return figures;
    }

    /** Packets lost of those expected since the start, as a percentage to two places ("0.00 %"). */
    public String getLoss() {
        MediaPlaneFigures now = getMedia();
        if (now == null) {
            return "";
        }
        StreamStatistics totals = now.totals();
        return totals.packetsExpected() == 0 ? "no packets yet" : String.format(Locale.ROOT, "%.2f %%",
                100.0 * totals.packetsLost() / totals.packetsExpected());
    }

    /**
     * An active recording's loss so far, its streams together: "0.12 % (3 of 2,500)". An open stream's counters come
     * live from its receive loop (the database has them only once it ends), an ended one's from its record. "no
     * packets yet" before any was expected; "unknown" if an open stream's counters cannot be read.
     */
    public String lossOf(RecordingView recording) {
        long lost = 0;
        long expected = 0;
        try (RtpConnection connection = media.getConnection()) {
            for (RecordingView.StreamView stream : recording.streams()) {
                Optional<StreamStatistics> live = stream.endedAt() == null
                        ? connection.statistics(stream.id()) : Optional.empty();
                if (live.isPresent()) {
                    lost += live.get().packetsLost();
                    expected += live.get().packetsExpected();
                } else {
                    lost += stream.packetsLost();
                    expected += stream.packetsExpected();
                }
            }
        } catch (ResourceException | RuntimeException e) {
            LOG.log(Level.FINE, "the loss of recording " + recording.id() + " cannot be read", e);
            return "unknown";
        }
        return expected == 0 ? "no packets yet" : String.format(Locale.ROOT, "%.2f %% (%,d of %,d)",
                100.0 * lost / expected, lost, expected);
    }
}
