package org.activerecorder.domain.model.recording;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.activerecorder.domain.model.Dn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One party's audio in a recording: one recording session of the Media Server and one RTP stream.
 *
 * <p>Created open when its session is answered. The media plane reports its first packet (a first estimate of
 * where its audio starts) and, when it ends, its completeness record: counters, the instant of its first sample
 * (the better estimate, which places it in time against the other streams), its gaps with their causes and its key
 * presses. Reports may come more than once and in any order; each is applied once, and a stream ends once.
 */
@Entity
@Table(name = "recording_stream")
public class RecordingStream {

    @Id
    @Column(length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "recording_id")
    private Recording recording;

    /** The id its session knows the media by, when not its own (a stream recorded again after a stop). */
    @Column(name = "session_stream_id", length = 36)
    private String sessionStreamId;

    @Column(nullable = false, length = 64)
    private Dn dn;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private StreamSide side;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 8)
    private StreamState state;

    @Column(name = "sip_call_id", nullable = false, length = 255)
    private String sipCallId;

    @Column(nullable = false, length = 16)
    private String codec;

    @Column(name = "payload_type", nullable = false)
    private int payloadType;

    @Column(name = "sample_rate", nullable = false)
    private int sampleRate;

    @Column(name = "local_rtp", length = 64)
    private String localRtp;

    @Column(name = "media_source", length = 64)
    private String mediaSource;

    @Column(name = "audio_file", nullable = false, length = 1024)
    private String audioFile;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "first_packet_at")
    private Instant firstPacketAt;

    @Column(name = "first_sample_at")
    private Instant firstSampleAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "end_reason", length = 32)
    private StreamEndReason endReason;

    @Embedded
    private StreamStatistics statistics;

    @ElementCollection
    @CollectionTable(name = "stream_gap", joinColumns = @JoinColumn(name = "stream_id"))
    @OrderColumn(name = "list_index")
    private List<StreamGap> gaps = new ArrayList<>();

    @Column(name = "gaps_omitted", nullable = false)
    private long gapsOmitted;

    @ElementCollection
    @CollectionTable(name = "stream_dtmf", joinColumns = @JoinColumn(name = "stream_id"))
    @OrderColumn(name = "list_index")
    private List<DtmfTone> dtmf = new ArrayList<>();

    @Column(name = "dtmf_omitted", nullable = false)
    private long dtmfOmitted;

    @Column(name = "session_unacknowledged", nullable = false)
    private boolean sessionUnacknowledged;

    protected RecordingStream() {
        // for JPA
    }

    RecordingStream(Recording recording, StreamDescription description, StreamSide side, Instant openedAt) {
        this.id = description.streamId();
        this.recording = recording;
        this.dn = description.dn();
        this.side = Objects.requireNonNull(side, "side");
        this.sipCallId = description.sipCallId();
        this.codec = description.codec();
        this.payloadType = description.payloadType();
        this.sampleRate = description.sampleRate();
        this.mediaSource = description.mediaSource();
        this.audioFile = description.audioFile();
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.state = StreamState.OPEN;
        this.statistics = StreamStatistics.NONE;
    }

    /**
     * The stream of a new recording that records {@code stopped}'s media again, on the same port: the same party,
     * side, session and codec, a new id and file; its session goes on knowing it by the id it knew {@code stopped} by.
     */
    RecordingStream(Recording recording, RecordingStream stopped, String streamId, String audioFile,
                    Instant openedAt) {
        this(recording, new StreamDescription(streamId, stopped.dn, stopped.sipCallId, stopped.codec,
                stopped.payloadType, stopped.sampleRate, stopped.mediaSource, audioFile), stopped.side, openedAt);
        this.sessionStreamId = stopped.sessionStreamId();
        this.localRtp = stopped.localRtp;
    }

    /**
     * Its session's signalling now says the stream carries {@code party}'s audio (a SIPREC metadata update).
     *
     * @return whether this changed anything
     */
    boolean describedAs(Dn party, StreamSide partySide) {
        if (dn.equals(party) && side == partySide) {
            return false;
        }
        dn = Objects.requireNonNull(party, "party");
        side = Objects.requireNonNull(partySide, "partySide");
        return true;
    }

    /** The RTP adapter is listening for this stream at {@code localRtp} (host:port). */
    public void listeningAt(String localRtp) {
        this.localRtp = localRtp;
    }

    /**
     * The first packet arrived. The first report wins (the adapter may report it twice); a report that comes after
     * the stream ended changes nothing, since the end brought the better estimate.
     * ({@link RecordingRepository#firstPacketArrived} applies the same rule to a stream it does not read.)
     *
     * @return whether it changed the stream
     */
    public boolean firstPacketArrived(Instant arrival) {
        if (isEnded() || arrival == null || firstPacketAt != null) {
            return false;
        }
        firstPacketAt = arrival;
        if (firstSampleAt == null) {
            firstSampleAt = arrival;
        }
        return true;
    }

    /**
     * The stream's file is finished.
     *
     * @return {@code false} if it had already ended: the first end is kept, whatever a later report says
     */
    boolean end(StreamEnd end, Instant at) {
        if (isEnded()) {
            return false;
        }
        if (end.firstSample() != null) {
            firstSampleAt = end.firstSample();
        }
        if (firstSampleAt == null && end.statistics().samplesWritten() > 0) {
            // Audio was written but no report placed it (the server stopped before the first-packet report was
            // taken): place it at the session's answer, the closest instant known, rather than lose it.
            firstSampleAt = openedAt;
        }
        statistics = end.statistics();
        endReason = end.reason();
        // Only an end fills them, and a stream ends once, so they are empty here. An end that brings none leaves them
        // untouched: emptying them first had the database read both lists at every stream's end (series BM).
        if (!end.timeline().gaps().isEmpty()) {
            gaps.addAll(end.timeline().gaps());
        }
        gapsOmitted = end.timeline().gapsOmitted();
        if (!end.timeline().dtmf().isEmpty()) {
            dtmf.addAll(end.timeline().dtmf());
        }
        dtmfOmitted = end.timeline().dtmfOmitted();
        endedAt = at;
        state = StreamState.ENDED;
        return true;
    }

    /**
     * A stream that ended before its call did has nothing from where its audio stops to the end of the recording:
     * that stretch becomes a gap of the end reason's cause, so the record says exactly what is missing.
     */
    void markLostTail(Instant recordingEnd) {
        if (!isEnded() || !endReason.losesAudio() || firstSampleAt == null || recordingEnd == null) {
            return;
        }
        long span = samplesBetween(firstSampleAt, recordingEnd);
        long written = statistics.samplesWritten();
        if (span > written) {
            gaps.add(new StreamGap(written, span - written, endReason.lostTailCause()));
        }
    }

    private long samplesBetween(Instant from, Instant to) {
        long nanos = Duration.between(from, to).toNanos();
        return Math.round(nanos * (double) sampleRate / 1_000_000_000d);
    }

    /** Milliseconds of {@code samples} at this stream's rate. */
    public long millis(long samples) {
        return samples * 1000 / sampleRate;
    }

    /** Milliseconds of silence of this cause in the listed gaps. */
    public long silenceMillis(GapCause cause) {
        long samples = 0;
        for (StreamGap gap : gaps) {
            if (gap.cause() == cause) {
                samples += gap.lengthSamples();
            }
        }
        return millis(samples);
    }

    /**
     * Its SIP session was answered but never acknowledged: the Media Server gave it up. If it receives no media it
     * is dropped when it ends ({@link Recording#dropUnacknowledgedSilentStreams}).
     */
    public void sessionUnacknowledged() {
        sessionUnacknowledged = true;
    }

    public boolean isSessionUnacknowledged() {
        return sessionUnacknowledged;
    }

    /**
     * Whether anything at all came for it: a packet (audio, comfort noise or key press), or audio in its file. In
     * doubt, yes: only a stream that surely got nothing may be dropped.
     */
    public boolean receivedMedia() {
        return firstPacketAt != null || firstSampleAt != null || statistics.packetsReceived() > 0
                || statistics.comfortNoisePackets() > 0 || statistics.telephoneEventPackets() > 0
                || statistics.samplesWritten() > 0 || statistics.packetsExpected() > 0;
    }

    /** Whether any of the stream's audio was placed in time (it received media, or its file holds audio). */
    public boolean hasAudio() {
        return firstSampleAt != null;
    }

    public String id() {
        return id;
    }

    public Recording recording() {
        return recording;
    }

    public Dn dn() {
        return dn;
    }

    public StreamSide side() {
        return side;
    }

    public StreamState state() {
        return state;
    }

    public boolean isEnded() {
        return state == StreamState.ENDED;
    }

    /**
     * Whether its recording was stopped while its session's media went on: the media plane keeps the port, and a start
     * may record it again ({@link Recording#again}).
     */
    public boolean stoppedWithMediaKept() {
        return isEnded() && endReason == StreamEndReason.STOPPED;
    }

    /** The id its session (a BYE, a hold) knows the stream's media by: its own, or that of the stream it continues. */
    public String sessionStreamId() {
        return sessionStreamId == null ? id : sessionStreamId;
    }

    public String sipCallId() {
        return sipCallId;
    }

    public String codec() {
        return codec;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public String localRtp() {
        return localRtp;
    }

    public String mediaSource() {
        return mediaSource;
    }

    public String audioFile() {
        return audioFile;
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** When the first packet arrived (as the receive loop saw it). */
    public Instant firstPacketAt() {
        return firstPacketAt;
    }

    /** The instant of sample 0 of the stream's file: where it is placed in the recording. */
    public Instant firstSampleAt() {
        return firstSampleAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public StreamEndReason endReason() {
        return endReason;
    }

    public StreamStatistics statistics() {
        return statistics;
    }

    public List<StreamGap> gaps() {
        return Collections.unmodifiableList(gaps);
    }

    public long gapsOmitted() {
        return gapsOmitted;
    }

    public List<DtmfTone> dtmf() {
        return Collections.unmodifiableList(dtmf);
    }

    public long dtmfOmitted() {
        return dtmfOmitted;
    }
}
