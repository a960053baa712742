package org.activerecorder.application.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 10 seconds, finishes what no event will finish: an event that was lost, a failure between a stream's end and
 * its recording's assembly, a crash. In order, each step on its own and each recording in a transaction of its own,
 * so that one failure costs only itself:
 * <ol>
 *     <li>active recordings whose streams have all ended are assembled (one-sided ones once their grace is over);</li>
 *     <li>streams open in the database that the media plane does not know, seen so twice
 *         {@value #UNKNOWN_STREAM_CONFIRMATION_SECONDS} s apart, are ended as {@code NOT_IN_MEDIA_PLANE} with the
 *         audio on disk;</li>
 *     <li>failed recordings whose stream files are all there are assembled again (a few times, spaced out);</li>
 *     <li>recordings started on request whose media has not come in time fail
 *         ({@link RecorderSettings#REQUESTED_TIMEOUT_SECONDS});</li>
 *     <li>half-written stereo files ({@code .partial}) older than 10 minutes are removed;</li>
 *     <li>the audio of recordings whose retention ended is deleted (a few hundred a sweep), unless
 *         {@link RecorderSettings#RETENTION_ENFORCED} says not to;</li>
 *     <li>files stored without their SHA-256 ({@code recorder.file-sha256=after-completion}) are read back and
 *         hashed, oldest first, for up to {@value #HASHING_SECONDS_PER_SWEEP} s a sweep: once no recording has
 *         been finished for {@value #HASHING_QUIET_SECONDS} s (and until one is), so that this reading does not take
 *         the cores from the completions it was put off for; a file stored {@value #HASHING_LATEST_MINUTES} minutes
 *         ago or more, whatever goes on.</li>
 * </ol>
 * A sweep that is still running when the next is due lets it pass. {@link InterruptedRecordingsRecovery} does the
 * start-up part (streams a stop of the server left open) at once, without waiting for the media plane.
 */
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecordingSweep {

    static final long UNKNOWN_STREAM_CONFIRMATION_SECONDS = 60;
    static final Duration ABANDONED_PARTIAL_AGE = Duration.ofMinutes(10);
    static final int PURGES_PER_SWEEP = 200;
    /**
     * How long a sweep hashes files at most, so that the steps before it come round every 10 s or so even behind a
     * backlog: about 800 five-minute calls' files on this project's machine (9.4 ms each, docs/performance.md).
     */
    static final long HASHING_SECONDS_PER_SWEEP = 8;
    /** How long no recording may have been finished before files are hashed (it is background work). */
    static final long HASHING_QUIET_SECONDS = 5;
    /** How long a file waits for its hash at most, however busy the recorder stays. */
    static final long HASHING_LATEST_MINUTES = 5;
    private static final int HASHES_ASKED_PER_SWEEP = 2000;

    private static final Logger LOG = Logger.getLogger(RecordingSweep.class.getName());

    @EJB
    private RecordingCompletion completion;

    @EJB
    private StreamLifecycle lifecycle;

    @Inject
    private RecordingFolder storage;

    @Inject
    private RecordingAssembly assembly;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    private final AtomicBoolean running = new AtomicBoolean();
    private final BackgroundHashing hashing = new BackgroundHashing(Duration.ofSeconds(HASHING_SECONDS_PER_SWEEP),
            Duration.ofMinutes(HASHING_LATEST_MINUTES), HASHES_ASKED_PER_SWEEP, System::nanoTime);
    private final MediaPlaneReconciliation reconciliation =
            new MediaPlaneReconciliation(Duration.ofSeconds(UNKNOWN_STREAM_CONFIRMATION_SECONDS));

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "recording sweep")
    void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            step("assemble ended recordings", this::assembleEndedRecordings);
            step("end streams the media plane does not know", this::endStreamsUnknownToMediaPlane);
            step("assemble failed recordings again", this::reassembleFailedRecordings);
            step("fail recordings requested without media", this::failRequestedWithoutMedia);
            step("remove abandoned partial files", this::removeAbandonedPartials);
            step("delete audio whose retention ended", this::purgeRetentionEnded);
            step("hash files stored without their SHA-256", this::hashFilesStoredWithout);
        } finally {
            running.set(false);
        }
    }

    private void assembleEndedRecordings() {
        forEach(completion.awaitingAssembly(), id -> {
            if (completion.finishIfReady(id)) {
                LOG.info(() -> "Sweep: recording " + id + " assembled");
            }
        });
    }

    private void endStreamsUnknownToMediaPlane() {
        List<String> openInDatabase = completion.openStreams();
        if (openInDatabase.isEmpty()) {
            return;
        }
        Set<String> openInMediaPlane;
        try (RtpConnection connection = media.getConnection()) {
            openInMediaPlane = connection.openStreamIds();
        } catch (ResourceException e) {
            LOG.fine(() -> "Sweep: the media plane cannot be asked for its streams: " + e.getMessage());
            return;
        }
        List<String> lost = reconciliation.look(openInDatabase, openInMediaPlane, Instant.now());
        forEach(lost, streamId -> {
            LOG.warning(() -> "Sweep: stream " + streamId + " is open in the database but unknown to the media"
                    + " plane for " + UNKNOWN_STREAM_CONFIRMATION_SECONDS + " s; ending it with the audio on disk");
            lifecycle.streamUnreported(streamId, StreamEndReason.NOT_IN_MEDIA_PLANE);
            reconciliation.forget(streamId);
        });
    }

    private void reassembleFailedRecordings() {
        forEach(completion.failed(), completion::reassembleIfDue);
    }

    private void failRequestedWithoutMedia() {
        forEach(completion.requestedTooLongAgo(), completion::failIfNoMedia);
    }

    /** At most {@value #PURGES_PER_SWEEP} a sweep: a backlog (retention just enforced) never holds the sweep up. */
    private void purgeRetentionEnded() {
        forEach(completion.retentionEnded(PURGES_PER_SWEEP), completion::purgeIfDue);
    }

    private void hashFilesStoredWithout() {
        Duration quiet = Duration.ofSeconds(HASHING_QUIET_SECONDS);
        hashing.run(Instant.now(), () -> assembly.quietFor(quiet), completion::fileHashDue,
                completion::hashFileIfDue);
    }

    private void removeAbandonedPartials() {
        storage.deleteAbandonedPartials(ABANDONED_PARTIAL_AGE);
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweep: cannot " + name + "; trying again in the next sweep", e);
        }
    }

    /** Applies {@code action} to each item on its own: a failure is logged and the next item goes on. */
    private static <T> void forEach(List<T> items, Consumer<T> action) {
        for (T item : items) {
            handle(item, action);
        }
    }

    /** Applies {@code action} to one item; a failure is logged, to be tried again in the next sweep. */
    private static <T> void handle(T item, Consumer<T> action) {
        try {
            action.accept(item);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweep: " + item + " could not be handled; trying again in the next sweep", e);
        }
    }
}
