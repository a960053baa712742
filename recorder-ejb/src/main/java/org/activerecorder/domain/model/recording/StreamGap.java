package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.Objects;

/**
 * A stretch of a stream's file that is silence, and why. Positions count samples from sample 0 of the stream's file
 * (at the stream's sample rate), exactly as the media plane wrote them; milliseconds are derived for people.
 */
@Embeddable
public record StreamGap(
        @Column(name = "start_sample", nullable = false) long startSample,
        @Column(name = "length_samples", nullable = false) long lengthSamples,
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.VARCHAR) @Column(name = "cause", nullable = false, length = 32) GapCause cause) {

    public StreamGap {
        Objects.requireNonNull(cause, "cause");
        if (startSample < 0 || lengthSamples <= 0) {
            throw new IllegalArgumentException("gap at " + startSample + " of " + lengthSamples + " samples");
        }
    }

    public long endSample() {
        return startSample + lengthSamples;
    }
}
