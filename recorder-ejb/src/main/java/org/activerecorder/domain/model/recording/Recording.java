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

/**
 * One recording of a call.
 *
 * <p>Life cycle: a recording is opened {@link RecordingState#ACTIVE} by the first recording session of its
 * call; the other party's session joins it, usually within seconds. Each session adds a
 * {@link RecordingStream}. When every stream has ended, the streams are assembled into one stereo file
 * and the recording is {@link #complete completed} with the file's duration and SHA-256; if that fails it
 * is {@link #fail failed} and the stream files are kept for recovery. A finished recording takes no more
 * streams: a later session of the same call opens a new recording.
 */
@Entity
@Table(name = "recording")
public class Recording {

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

    @Column(name = "failure_reason", length = 1024)
    private String failureReason;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "recording_attribute", joinColumns = @JoinColumn(name = "recording_id"))
    @MapKeyColumn(name = "name", length = 64)
    @Column(name = "attr_value", length = 512)
    private Map<String, String> attributes = new HashMap<>();

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
     * A recording session joins this recording.
     *
     * @throws IllegalRecordingStateException if the recording is already finished
     */
    public RecordingStream addStream(String streamId, Dn dn, String sipCallId, String codec, int payloadType,
                                     String mediaSource, String audioFile, Instant at) {
        if (state != RecordingState.ACTIVE) {
            throw new IllegalRecordingStateException(
                    "recording " + id + " is " + state + " and takes no more streams");
        }
        StreamSide side = dn.equals(recordDn) ? StreamSide.RECORDED_PARTY : StreamSide.OTHER_PARTY;
        RecordingStream stream = new RecordingStream(streamId, this, dn, side, sipCallId, codec, payloadType, mediaSource,
                audioFile, at);
        streams.add(stream);
        return stream;
    }

    /**
     * The media plane finished one stream's file.
     *
     * @return whether every stream of the recording has now ended, so it can be assembled
     */
    public boolean streamEnded(String streamId, Instant firstPacket, StreamStatistics statistics, String reason,
                               Instant at) {
        stream(streamId)
                .orElseThrow(() -> new IllegalArgumentException("stream " + streamId + " is not part of recording " + id))
                .end(firstPacket, statistics, reason, at);
        return state == RecordingState.ACTIVE && allStreamsEnded();
    }

    public boolean allStreamsEnded() {
        return !streams.isEmpty() && streams.stream().allMatch(RecordingStream::isEnded);
    }

    /** The stereo file is stored: the recording is complete. */
    public void complete(String audioFile, Duration duration, String sha256, Instant at) {
        requireActive("complete");
        if (!allStreamsEnded()) {
            throw new IllegalRecordingStateException("recording " + id + " still has open streams");
        }
        this.audioFile = Objects.requireNonNull(audioFile, "audioFile");
        this.durationMillis = duration.toMillis();
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.finishedAt = at;
        this.state = RecordingState.COMPLETED;
    }

    /** The recording cannot be finished. The stream files stay where they are. */
    public void fail(String reason, Instant at) {
        requireActive("fail");
        this.failureReason = reason;
        this.finishedAt = at;
        this.state = RecordingState.FAILED;
    }

    private void requireActive(String move) {
        if (state != RecordingState.ACTIVE) {
            throw new IllegalRecordingStateException("cannot " + move + " recording " + id + ": it is " + state);
        }
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

    public Instant finishedAt() {
        return finishedAt;
    }

    public String audioFile() {
        return audioFile;
    }

    public Optional<Duration> duration() {
        return Optional.ofNullable(durationMillis).map(Duration::ofMillis);
    }

    public String sha256() {
        return sha256;
    }

    public String failureReason() {
        return failureReason;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<RecordingStream> streams() {
        return Collections.unmodifiableList(streams);
    }
}
