package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A telephone event (RFC 4733) the party sent: a key press kept with its time, never heard in the audio.
 *
 * @param startSample     where it began, counted from sample 0 of the stream's file
 * @param event           the RFC 4733 event code: 0-9 digits, 10 {@code *}, 11 {@code #}, 12-15 A-D, 16 flash
 * @param durationSamples how long it lasted
 * @param volume          its power level in -dBm0
 * @param ended           whether its end was received (otherwise the duration is the longest seen)
 */
@Embeddable
public record DtmfTone(
        @Column(name = "start_sample", nullable = false) long startSample,
        @Column(name = "event_code", nullable = false) int event,
        @Column(name = "duration_samples", nullable = false) long durationSamples,
        @Column(name = "volume", nullable = false) int volume,
        @Column(name = "ended", nullable = false) boolean ended) {

    private static final String KEYS = "0123456789*#ABCD";

    /** The key as a person reads it ({@code 0-9 * # A-D}), {@code F} for flash, {@code ?} for other events. */
    public String key() {
        if (event >= 0 && event < KEYS.length()) {
            return String.valueOf(KEYS.charAt(event));
        }
        return event == 16 ? "F" : "?";
    }
}
