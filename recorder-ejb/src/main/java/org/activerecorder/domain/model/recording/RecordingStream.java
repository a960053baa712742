package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.activerecorder.domain.model.Dn;

import java.time.Instant;
import java.util.Objects;

/**
 * One party's audio in a recording: one recording session of the Media Server and one RTP stream.
 * Created open when its session is answered; ended when the RTP adapter reports its file finished,
 * with the arrival time of its first packet (which places it in time against the other streams)
 * and the adapter's counters.
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

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason", length = 32)
    private String endReason;

    @Embedded
    private StreamStatistics statistics;

    protected RecordingStream() {
        // for JPA
    }

    RecordingStream(String id, Recording recording, Dn dn, StreamSide side, String sipCallId, String codec, int payloadType,
                    String mediaSource, String audioFile, Instant openedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.recording = recording;
        this.dn = Objects.requireNonNull(dn, "dn");
        this.side = Objects.requireNonNull(side, "side");
        this.sipCallId = Objects.requireNonNull(sipCallId, "sipCallId");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.payloadType = payloadType;
        this.mediaSource = mediaSource;
        this.audioFile = Objects.requireNonNull(audioFile, "audioFile");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.state = StreamState.OPEN;
        this.statistics = StreamStatistics.NONE;
    }

    /** The RTP adapter is listening for this stream at {@code localRtp} (host:port). */
    public void listeningAt(String localRtp) {
        this.localRtp = localRtp;
    }

    /** The first packet arrived; the first report wins (the adapter may report it twice, in either order). */
    public void firstPacketArrived(Instant arrival) {
        if (firstPacketAt == null && arrival != null) {
            firstPacketAt = arrival;
        }
    }

    /** The adapter finished the stream's file. Ending twice keeps the first end. */
    void end(Instant firstPacket, StreamStatistics finalStatistics, String reason, Instant at) {
        if (state == StreamState.ENDED) {
            return;
        }
        firstPacketArrived(firstPacket);
        this.statistics = Objects.requireNonNull(finalStatistics, "statistics");
        this.endReason = reason;
        this.endedAt = at;
        this.state = StreamState.ENDED;
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

    public String sipCallId() {
        return sipCallId;
    }

    public String codec() {
        return codec;
    }

    public int payloadType() {
        return payloadType;
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

    public Instant firstPacketAt() {
        return firstPacketAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }

    public StreamStatistics statistics() {
        return statistics;
    }
}
