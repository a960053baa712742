package org.activerecorder.infrastructure.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the media plane's, the recordings' and the JVM's meters in {@link RecorderMeters} when the application
 * starts, and keeps what they read: Micrometer holds a meter's state object weakly, so the readings live here.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MetricsBinding {

    private static final Logger LOG = Logger.getLogger(MetricsBinding.class.getName());

    /** One reading serves every meter of a scrape; a second scrape within this reads again. */
    private static final Duration MAX_AGE = Duration.ofMillis(500);

    @Inject
    private RecorderMeters meters;

    @Inject
    private RecordingCounts recordings;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    private RecentReading<MediaPlaneFigures> mediaPlane;
    private RecentReading<RecordingCounts.Figures> recordingFigures;

    @PostConstruct
    void bind() {
        mediaPlane = new RecentReading<>(this::readMediaPlane, MAX_AGE);
        recordingFigures = new RecentReading<>(this::readRecordings, MAX_AGE);
        int loops = mediaPlane.latest().map(figures -> figures.streamsPerLoop().size()).orElse(0);
        if (loops == 0) {
            LOG.warning("the RTP adapter cannot be read at start: recorder.rtp.loop.streams is not registered");
        }
        new MediaPlaneMeters(mediaPlane).bindTo(meters.registry(), loops);
        new RecordingMeters(recordingFigures).bindTo(meters.registry());
        meters.bindScrapedOnly(new JvmMeters());
    }

    private Optional<MediaPlaneFigures> readMediaPlane() {
        try (RtpConnection connection = media.getConnection()) {
            return Optional.of(connection.mediaPlane());
        } catch (ResourceException | RuntimeException e) {
            LOG.log(Level.FINE, "the media plane's figures cannot be read", e);
            return Optional.empty();
        }
    }

    private Optional<RecordingCounts.Figures> readRecordings() {
        try {
            return Optional.of(recordings.figures());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the recordings cannot be counted", e);
            return Optional.empty();
        }
    }
}
