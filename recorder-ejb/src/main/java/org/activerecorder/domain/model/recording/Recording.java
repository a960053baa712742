package org.activerecorder.domain.model.recording;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Version;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One recording of a call.
 *
 * <p>Life cycle: a recording is opened {@link RecordingState#ACTIVE} by the first recording session of its
 * call; the other party's session joins it, usually within seconds. Each session adds a
 * {@link RecordingStream}. When every stream has ended, the streams are assembled into one stereo file; a recording
 * of one party only first waits a grace period for the other party (who joins the same recording if it comes). The
 * assembled recording is {@link RecordingState#COMPLETED} when it holds everything that was said, or
 * {@link RecordingState#INCOMPLETE} with its reasons when audio was lost (the {@link CompletenessPolicy} decides).
 * If assembly fails it is {@link RecordingState#FAILED} and the stream files are kept; a failed recording may be
 * assembled again, a few times, spaced out. A completed or incomplete recording is final: a later session of the
 * same call opens a new recording.
 *
 * <p>While it is active, anyone entitled may {@link #pause pause}, {@link #resume resume} or {@link #stop stop} it
 * ({@link ControlState}): a pause silences every stream from the moment it was asked (a stream that joins during the
 * pause is silenced from its start), a stop ends every stream at once and the recording is assembled as usual. A
 * stopped recording takes no more streams. Each pause is kept in the recording's {@link #pauses() timeline}.
 *
 * <p>A recording started on request is {@link #requested requested} first: {@link RecordingState#REQUESTED} until the
 * Media Server's first session {@link #mediaJoins joins} it, {@link #noMediaCame failed} if none comes in time. Every
 * move asks the one state machine, {@link RecordingPhase}.
 */
@Entity
@Table(name = "recording")
public class Recording {

    /** Assemblies tried at most: the first and three more of a failed recording. */
    public static final int MAX_ASSEMBLY_ATTEMPTS = 4;
    /** Wait after the n-th failed assembly before the next: n times this. */
    public static final Duration REASSEMBLY_SPACING = Duration.ofMinutes(1);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "call_id")
    private Call call;

    @Column(name = "request_id", nullable = false, length = 128)
    private RecordingRequestId requestId;

    @Column(name = "record_dn", nullable = false, length = 64)
    private Dn recordDn;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private RecordingState state;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "control_state", nullable = false, length = 16)
    private ControlState control = ControlState.RECORDING;

    @Column(name = "paused_since")
    private Instant pausedSince;

    @Column(name = "stopped_at")
    private Instant stoppedAt;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "audio_file", length = 1024)
    private String audioFile;

    @Column(name = "duration_ms")
    private Long durationMillis;

    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "audio_sha256", length = 64)
    private String audioSha256;

    @Column(name = "failure_reason", length = 1024)
    private String failureReason;

    @Column(name = "one_sided", nullable = false)
    private boolean oneSided;

    @Column(name = "assembly_attempts", nullable = false)
    private int assemblyAttempts;

    @Column(name = "last_assembly_at")
    private Instant lastAssemblyAt;

    @Column(name = "file_name_template", length = 200)
    private String fileNameTemplate;

    @Column(name = "retention_days")
    private Integer retentionDays;

    /** When its retention ends: set when it finished with a file and a retention. */
    @Column(name = "retain_until")
    private Instant retainUntil;

    /** When its audio was deleted at the end of its retention; {@code null} while it is kept. */
    @Column(name = "purged_at")
    private Instant purgedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "recording_reason", joinColumns = @JoinColumn(name = "recording_id"))
    @OrderColumn(name = "list_index")
    private List<CompletenessReason> reasons = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "recording_attribute", joinColumns = @JoinColumn(name = "recording_id"))
    @MapKeyColumn(name = "name", length = 64)
    @Column(name = "attr_value", length = 512)
    private Map<String, String> attributes = new HashMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "recording_pause", joinColumns = @JoinColumn(name = "recording_id"))
    @OrderColumn(name = "list_index")
    private List<PauseSpan> pauses = new ArrayList<>();

    @OneToMany(mappedBy = "recording", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("openedAt")
    private List<RecordingStream> streams = new ArrayList<>();

    @Version
    private long version;

    protected Recording() {
        // for JPA
    }

    public Recording(Call call, RecordingRequestId requestId, Dn recordDn, Map<String, String> attributes,
                     Instant startedAt) {
        this.call = Objects.requireNonNull(call, "call");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.recordDn = Objects.requireNonNull(recordDn, "recordDn");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.state = RecordingState.ACTIVE;
        if (attributes != null) {
            this.attributes.putAll(attributes);
        }
    }

    /**
     * A recording started on request (the third party's {@code start}): nothing is recorded until the Media Server's
     * sessions, asked of call control with {@code requestId}, come and {@link #mediaJoins join}; if none comes in
     * time it {@link #noMediaCame fails}.
     */
    public static Recording requested(Call call, RecordingRequestId requestId, Dn recordDn, Instant at) {
        return requested(call, requestId, recordDn, Filing.NONE, at);
    }

    /**
     * A recording requested by a decision to record, filed as the decision says: its file named by the decision's
     * template, kept for its retention.
     */
    public static Recording requested(Call call, RecordingRequestId requestId, Dn recordDn, Filing filing,
                                      Instant at) {
        Recording recording = new Recording(call, requestId, recordDn, Map.of(), at);
        recording.state = RecordingState.REQUESTED;
        recording.fileNameTemplate = filing.fileNameTemplate();
        recording.retentionDays = filing.retentionDays();
        return recording;
    }

    /**
     * A start on a call whose stopped recording's media still flows: a new active recording of the same DN, with its
     * attributes and filing, that takes that media again ({@link #continueStream}) from {@code at}.
     *
     * @throws IllegalRecordingStateException unless {@code stopped} was stopped on request
     */
    public static Recording again(Recording stopped, RecordingRequestId requestId, Instant at) {
        if (stopped.control != ControlState.STOPPED) {
            throw new IllegalRecordingStateException("recording " + stopped.id + " was not stopped");
        }
        Recording again = new Recording(stopped.call, requestId, stopped.recordDn, stopped.attributes, at);
        again.fileNameTemplate = stopped.fileNameTemplate;
        again.retentionDays = stopped.retentionDays;
        return again;
    }

    /**
     * The media of {@code stopped} (a stream of a stopped recording whose session still sends) is recorded again as
     * the stream {@code streamId} of this recording, from {@code at}: same party, side and codec, a new file.
     *
     * @throws IllegalRecordingStateException if this recording takes no more streams
     * @throws IllegalArgumentException       unless {@code stopped} ended by a stop with its media kept
     */
    public RecordingStream continueStream(RecordingStream stopped, String streamId, String audioFile, Instant at) {
        if (!stopped.stoppedWithMediaKept()) {
            throw new IllegalArgumentException("stream " + stopped.id() + " did not end by a stop with its media kept");
        }
        requireTakesStreams();
        RecordingStream stream = new RecordingStream(this, stopped, streamId, audioFile, at);
        streams.add(stream);
        return stream;
    }

    /** Where the recording is in its one state machine (life cycle and control together). */
    public RecordingPhase phase() {
        return RecordingPhase.of(state, control);
    }

    /**
     * The first session of a requested recording came: it is active from {@code at}, which is also its start.
     *
     * @throws IllegalRecordingStateException unless it is requested
     */
    public void mediaJoins(Instant at) {
        require(RecordingPhase.Move.MEDIA_JOINS, "join");
        state = RecordingState.ACTIVE;
        startedAt = Objects.requireNonNull(at, "at");
    }

    /**
     * A requested recording got no session within the time allowed: it fails with {@code reason}.
     *
     * @throws IllegalRecordingStateException unless it is requested
     */
    public void noMediaCame(String reason, Instant at) {
        require(RecordingPhase.Move.NO_MEDIA, "give up");
        state = RecordingState.FAILED;
        failureReason = reason;
        finishedAt = at;
    }

    /**
     * A recording session joins this recording.
     *
     * @throws IllegalRecordingStateException if the recording is already finished
     */
    public RecordingStream addStream(StreamDescription description, Instant at) {
        requireTakesStreams();
        StreamSide side = description.dn().equals(recordDn) ? StreamSide.RECORDED_PARTY : StreamSide.OTHER_PARTY;
        RecordingStream stream = new RecordingStream(this, description, side, at);
        streams.add(stream);
        return stream;
    }

    private void requireTakesStreams() {
        if (state != RecordingState.ACTIVE) {
            throw new IllegalRecordingStateException(
                    "recording " + id + " is " + state + " and takes no more streams");
        }
        if (control == ControlState.STOPPED) {
            throw new IllegalRecordingStateException(
                    "recording " + id + " was stopped on request at " + stoppedAt + " and takes no more streams");
        }
    }

    /**
     * Who is who changed while the recording runs: a SIPREC session learnt from a metadata update (re-INVITE, UPDATE)
     * who the recorded party is, or which participant sends which stream, after its streams were opened by m-line
     * order or by a first document that did not say. Each stream named takes its new DN and side, the recording its
     * recorded DN, and the attributes are set (an empty value removes one). Streams are placed by their side when the
     * recording is assembled, so the whole file follows, from its first second. Applying the same description again
     * changes nothing.
     *
     * @return what changed, one line each; empty when the recording already said all this
     * @throws IllegalRecordingStateException when something would change but the recording is no longer active (its
     *                                        file is assembled and keeps its channels)
     * @throws IllegalArgumentException       when a stream is not part of this recording
     */
    public List<String> describeStreams(Dn newRecordDn, List<StreamParty> parties, Map<String, String> newAttributes) {
        Objects.requireNonNull(newRecordDn, "newRecordDn");
        List<String> changes = new ArrayList<>();
        if (!recordDn.equals(newRecordDn)) {
            changes.add("recorded DN " + recordDn + " -> " + newRecordDn);
        }
        for (StreamParty party : parties) {
            RecordingStream stream = stream(party.streamId()).orElseThrow(() -> new IllegalArgumentException(
                    "stream " + party.streamId() + " is not part of recording " + id));
            if (!stream.dn().equals(party.dn()) || stream.side() != party.side()) {
                changes.add("stream " + stream.id() + " " + stream.dn() + "/" + stream.side() + " -> " + party.dn()
                        + "/" + party.side());
            }
        }
        long attributeChanges = newAttributes.entrySet().stream()
                .filter(entry -> entry.getValue().isEmpty() ? attributes.containsKey(entry.getKey())
                        : !entry.getValue().equals(attributes.get(entry.getKey())))
                .count();
        if (attributeChanges > 0) {
            changes.add(attributeChanges + " attribute(s) updated");
        }
        if (changes.isEmpty()) {
            return changes;
        }
        if (state != RecordingState.ACTIVE) {
            throw new IllegalRecordingStateException("recording " + id + " is " + state
                    + ": its file is assembled and keeps its channels; not applied: " + changes);
        }
        recordDn = newRecordDn;
        for (StreamParty party : parties) {
            stream(party.streamId()).orElseThrow().describedAs(party.dn(), party.side());
        }
        newAttributes.forEach((name, value) -> {
            if (value.isEmpty()) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
        return changes;
    }

    /**
     * Pause on request: every stream is to be silenced from {@code at} until {@link #resume}. The pause begins a span
     * of the recording's {@link #pauses() timeline}.
     *
     * @param by who asked, kept in the timeline
     * @throws IllegalRecordingStateException when the recording is already paused, stopped, or no longer active; the
     *                                        message says which, for the person who asked
     */
    public void pause(Instant at, String by) {
        require(RecordingPhase.Move.PAUSE, "pause");
        control = ControlState.PAUSED;
        pausedSince = Objects.requireNonNull(at, "at");
        pauses.add(PauseSpan.begun(at, by));
    }

    /**
     * Resume on request: audio is kept again from {@code at}; the current pause span ends there.
     *
     * @throws IllegalRecordingStateException when the recording is not paused, stopped, or no longer active
     */
    public void resume(Instant at, String by) {
        require(RecordingPhase.Move.RESUME, "resume");
        control = ControlState.RECORDING;
        pausedSince = null;
        endPause(at, by, false);
    }

    /**
     * Stop on request, at {@code at}: the recording takes no more streams, and its open streams are to be ended now.
     * A pause still running ends here, marked as ended by the stop. A requested recording, stopped before its media
     * came, fails: it has nothing to assemble.
     *
     * @throws IllegalRecordingStateException when the recording was already stopped or is no longer active
     */
    public void stop(Instant at, String by) {
        require(RecordingPhase.Move.STOP, "stop");
        if (state == RecordingState.REQUESTED) {
            state = RecordingState.FAILED;
            failureReason = "stopped on request by " + by + " at " + at + " before the Media Server's sessions came";
            finishedAt = at;
        }
        if (control == ControlState.PAUSED) {
            endPause(at, by, true);
        }
        control = ControlState.STOPPED;
        pausedSince = null;
        stoppedAt = Objects.requireNonNull(at, "at");
    }

    private void endPause(Instant at, String by, boolean byStop) {
        int last = pauses.size() - 1;
        if (last >= 0 && pauses.get(last).isOpen()) {
            pauses.set(last, pauses.get(last).ended(at, by, byStop));
        }
    }

    /** Refuses {@code move} unless the state machine allows it, saying why for the person who asked. */
    private void require(RecordingPhase.Move move, String verb) {
        RecordingPhase now = phase();
        if (now.after(move).isEmpty()) {
            String since = switch (now) {
                case PAUSED -> " (paused since " + pausedSince + ")";
                case STOPPED -> " (stopped at " + stoppedAt + ")";
                case REQUESTED -> " (requested at " + startedAt + ")";
                default -> "";
            };
            throw new IllegalRecordingStateException("cannot " + verb + " recording " + id + ": "
                    + now.refusal(move) + since);
        }
    }

    /** The streams still open (not ended), in the order they joined. */
    public List<RecordingStream> openStreams() {
        return streams.stream().filter(stream -> !stream.isEnded()).toList();
    }

    /**
     * The media plane finished one stream's file (or the recorder finished it for the media plane).
     *
     * @return whether this changed anything: {@code false} when the stream had already ended (the first end is kept)
     * @throws IllegalArgumentException if the stream is not part of this recording
     */
    public boolean streamEnded(String streamId, StreamEnd end, Instant at) {
        return stream(streamId)
                .orElseThrow(() -> new IllegalArgumentException("stream " + streamId + " is not part of recording " + id))
                .end(end, at);
    }

    /**
     * Drops the streams whose session was never acknowledged and that ended without receiving anything: the Media
     * Server gave those sessions up, and nothing was said on them. Streams with media stay, whatever their session.
     *
     * @return the streams dropped (their files are to be deleted), none when the recording is not active
     */
    public List<RecordingStream> dropUnacknowledgedSilentStreams() {
        if (state != RecordingState.ACTIVE) {
            return List.of();
        }
        List<RecordingStream> dropped = streams.stream()
                .filter(stream -> stream.isEnded() && stream.isSessionUnacknowledged() && !stream.receivedMedia())
                .toList();
        streams.removeAll(dropped);
        return dropped;
    }

    /** Whether no stream is left (all were dropped): such a recording is deleted. */
    public boolean hasNoStreams() {
        return streams.isEmpty();
    }

    public boolean allStreamsEnded() {
        return !streams.isEmpty() && streams.stream().allMatch(RecordingStream::isEnded);
    }

    /** When the last stream ended, if all have. */
    public Optional<Instant> lastStreamEndedAt() {
        if (!allStreamsEnded()) {
            return Optional.empty();
        }
        return streams.stream().map(RecordingStream::endedAt).filter(Objects::nonNull).max(Instant::compareTo);
    }

    /** Which streams go to which channel. */
    public ChannelLayout channelLayout() {
        return ChannelLayout.of(streams);
    }

    /**
     * Whether the recording should be assembled now: it is active and every stream has ended, and either both
     * parties were heard or the other party has had {@code loneStreamGrace} since the last end to join.
     */
    public boolean readyToAssemble(Instant now, Duration loneStreamGrace) {
        if (state != RecordingState.ACTIVE || !allStreamsEnded()) {
            return false;
        }
        if (!channelLayout().oneSided()) {
            return true;
        }
        Instant lastEnd = lastStreamEndedAt().orElse(now);
        return !lastEnd.plus(loneStreamGrace).isAfter(now);
    }

    /**
     * The stereo file is stored. Streams that ended before their call get a gap up to the end of the file; the
     * policy then says whether the recording is complete or incomplete, and why.
     *
     * @param missingStreamIds streams whose files were missing or unreadable: their span is silence in the file
     * @return the state the recording is now in, {@link RecordingState#COMPLETED} or {@link RecordingState#INCOMPLETE}
     * @throws IllegalRecordingStateException unless the recording is active (or failed, and assembled again) with
     *                                        every stream ended
     */
    public RecordingState complete(StoredAudio audio, Set<String> missingStreamIds, CompletenessPolicy policy,
                                   Instant at) {
        requireAssemblable("complete");
        for (RecordingStream stream : streams) {
            stream.markLostTail(audio.end());
        }
        List<CompletenessReason> found = policy.reasons(this, missingStreamIds);
        RecordingState verdict = CompletenessPolicy.verdict(found);
        state.requireMoveTo(verdict);
        this.reasons.clear();
        this.reasons.addAll(found);
        this.oneSided = channelLayout().oneSided();
        this.audioFile = audio.file();
        this.durationMillis = audio.duration().toMillis();
        this.sha256 = audio.sha256();
        this.audioSha256 = audio.audioSha256();
        this.failureReason = null;
        this.finishedAt = at;
        this.retainUntil = retentionDays == null ? null : at.plus(Duration.ofDays(retentionDays));
        this.assemblyAttempts++;
        this.lastAssemblyAt = at;
        this.state = verdict;
        return verdict;
    }

    /**
     * The stereo file could not be made. The stream files stay where they are, for another attempt.
     *
     * @return whether the recording has just failed (it was active), rather than failed again
     */
    public boolean assemblyFailed(String reason, Instant at) {
        requireAssemblable("fail");
        boolean first = state == RecordingState.ACTIVE;
        state.requireMoveTo(RecordingState.FAILED);
        this.failureReason = reason;
        this.finishedAt = at;
        this.assemblyAttempts++;
        this.lastAssemblyAt = at;
        this.state = RecordingState.FAILED;
        return first;
    }

    /** Whether a failed recording may be assembled again now: attempts are left and spaced out. */
    public boolean reassemblyDue(Instant now) {
        if (state != RecordingState.FAILED || assemblyAttempts >= MAX_ASSEMBLY_ATTEMPTS || streams.isEmpty()) {
            // a requested recording that failed without media has nothing to assemble
            return false;
        }
        return lastAssemblyAt == null
                || !lastAssemblyAt.plus(REASSEMBLY_SPACING.multipliedBy(Math.max(1, assemblyAttempts))).isAfter(now);
    }

    private void requireAssemblable(String move) {
        if (state != RecordingState.ACTIVE && state != RecordingState.FAILED) {
            throw new IllegalRecordingStateException("cannot " + move + " recording " + id + ": it is " + state);
        }
        if (!allStreamsEnded()) {
            throw new IllegalRecordingStateException("recording " + id + " still has open streams");
        }
    }

    /** The packet counters of all streams added up, and the silence of each cause. */
    public CompletenessTotals totals() {
        return CompletenessTotals.of(streams);
    }

    public Optional<RecordingStream> stream(String streamId) {
        return streams.stream().filter(s -> s.id().equals(streamId)).findFirst();
    }

    public Long id() {
        return id;
    }

    public Call call() {
        return call;
    }

    public RecordingRequestId requestId() {
        return requestId;
    }

    public Dn recordDn() {
        return recordDn;
    }

    public RecordingState state() {
        return state;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** What was asked of the recording: recording, paused or stopped. */
    public ControlState control() {
        return control;
    }

    public boolean isPaused() {
        return control == ControlState.PAUSED;
    }

    /** When the current pause was asked; {@code null} unless paused. */
    public Instant pausedSince() {
        return pausedSince;
    }

    /** When it was stopped on request; {@code null} unless it was. */
    public Instant stoppedAt() {
        return stoppedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String audioFile() {
        return audioFile;
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(durationMillis).map(Duration::ofMillis);
    }

    /** The SHA-256 of the whole file; {@code null} until it is taken when that is after the completion. */
    public String sha256() {
        return sha256;
    }

    /**
     * The SHA-256 of the file's audio data (its bytes after the 44-byte header), taken as they were written;
     * {@code null} for recordings stored before it was kept (schema V23).
     */
    public String audioSha256() {
        return audioSha256;
    }

    /**
     * Whether its file's SHA-256 is still to be taken: stored without it ({@code recorder.file-sha256 =
     * after-completion}), its audio not deleted.
     */
    public boolean fileHashDue() {
        return sha256 == null && audioFile != null && purgedAt == null && state.hasAudio();
    }

    /**
     * Stores the file's SHA-256, taken after the completion.
     *
     * @throws IllegalRecordingStateException unless it is {@link #fileHashDue() due}
     */
    public void fileHashed(String sha256) {
        if (!fileHashDue()) {
            throw new IllegalRecordingStateException("recording " + id + "'s file needs no SHA-256 now (" + state
                    + (this.sha256 == null ? "" : ", has " + this.sha256) + (purgedAt == null ? "" : ", purged") + ")");
        }
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
    }

    public String failureReason() {
        return failureReason;
    }

    /** Whether only one party's audio was ever sent (known once assembled). */
    public boolean oneSided() {
        return oneSided;
    }

    /** What there is to know about its completeness, once assembled; empty when everything is there. */
    public List<CompletenessReason> reasons() {
        return Collections.unmodifiableList(reasons);
    }

    /** Assemblies tried, the first included. */
    public int assemblyAttempts() {
        return assemblyAttempts;
    }

    public Instant lastAssemblyAt() {
        return lastAssemblyAt;
    }

    /** The file-name template and retention its decision gave it; {@link Filing#NONE} when none did. */
    public Filing filing() {
        return new Filing(fileNameTemplate, retentionDays);
    }

    /**
     * Until when the recording's audio is kept: its retention counted from when it finished with a file; empty while
     * unfinished, without a file, or without retention. At that instant the sweep deletes the audio ({@link #purge}).
     */
    public Optional<Instant> retainUntil() {
        return Optional.ofNullable(retainUntil);
    }

    /** When its audio was deleted at the end of its retention, if it was. */
    public Optional<Instant> purgedAt() {
        return Optional.ofNullable(purgedAt);
    }

    /**
     * Its retention is over: its audio file is deleted (by the caller, in the same transaction) and the recording says
     * so from {@code at} on. Its metadata, streams and completeness record stay.
     *
     * @return the file to delete, relative to the recordings folder
     * @throws IllegalRecordingStateException unless it has a file whose retention ended by {@code at} and is not
     *                                        purged yet
     */
    public String purge(Instant at) {
        if (purgedAt != null) {
            throw new IllegalRecordingStateException("recording " + id + "'s audio was deleted at " + purgedAt);
        }
        if (!purgeDue(at)) {
            throw new IllegalRecordingStateException("recording " + id + " is kept until " + retainUntil + " ("
                    + state + ")");
        }
        purgedAt = at;
        return audioFile;
    }

    /** Whether {@link #purge} is due at {@code at}: a file whose retention ended by then, not deleted yet. */
    public boolean purgeDue(Instant at) {
        return purgedAt == null && retainUntil != null && !retainUntil.isAfter(at) && state.hasAudio();
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<RecordingStream> streams() {
        return Collections.unmodifiableList(streams);
    }

    /** Every pause on request, in order; the last one is open while the recording is paused. */
    public List<PauseSpan> pauses() {
        return Collections.unmodifiableList(pauses);
    }
}
