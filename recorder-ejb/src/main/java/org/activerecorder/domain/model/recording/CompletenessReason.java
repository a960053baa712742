package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Objects;

/**
 * One thing an operator should know about how complete a recording is: a code for machines and a sentence for a
 * person, saying what is missing, why, and where to look.
 */
@Embeddable
public record CompletenessReason(
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.VARCHAR) @Column(name = "code", nullable = false, length = 32) Code code,
        @Column(name = "explanation", nullable = false, length = 1024) String explanation) {

    public CompletenessReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** What happened. All but {@link #ONE_SIDED} mean audio was lost, and make the recording incomplete. */
    public enum Code {
        /** A stream's file could not be written. */
        STREAM_WRITE_FAILED,
        /** A stream's socket failed. */
        STREAM_RECEIVE_FAILED,
        /** The server (or its media plane) was stopped while a stream was recorded. */
        SERVER_STOPPED,
        /** The server stopped unexpectedly; the stream was finished from its file at the next start. */
        SERVER_CRASHED,
        /** The media plane lost a stream without reporting its end. */
        STREAM_LOST_BY_MEDIA_PLANE,
        /** A stream's file was missing or unreadable when the recording was assembled. */
        STREAM_FILE_MISSING,
        /** More packets were lost on the network than the configured tolerance. */
        NETWORK_LOSS,
        /** Only one party's audio was ever sent: what the Media Server sent, not a loss. */
        ONE_SIDED,
        /** The recorder's kernel dropped packets it was sent: a stream's socket receive buffer overflowed. */
        RECEIVER_OVERFLOW,
        /**
         * Packets that arrived were not decoded (the decoder failed, or its worker fell behind and the span was
         * written before it answered): {@code RECORDER_FAILURE} gaps inside a stream that otherwise ended well.
         */
        AUDIO_NOT_DECODED;

        public boolean losesAudio() {
            return this != ONE_SIDED;
        }
    }

    public boolean losesAudio() {
        return code.losesAudio();
    }
}
