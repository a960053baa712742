package org.activerecorder.rtp.api;

/**
 * A telephone event (RFC 4733) received on a stream: kept with its time, never written into the audio.
 *
 * @param startSample     where the event began, counted from sample 0 of the stream's file
 * @param event           the RFC 4733 event code: 0-9 digits, 10 {@code *}, 11 {@code #}, 12-15 A-D, 16 flash
 * @param durationSamples how long it lasted (at the codec's sample rate, as in the file), as its last packet said
 * @param volume          its power level in -dBm0 (0 to 63)
 * @param ended           whether its end packet arrived (otherwise the duration is the longest seen)
 */
public record DtmfEvent(long startSample, int event, long durationSamples, int volume, boolean ended) {

    private static final String DIGITS = "0123456789*#ABCD";

    /** The key as a person reads it ({@code 0-9 * # A-D}), {@code F} for flash, {@code ?} for other events. */
    public char digit() {
        if (event >= 0 && event < DIGITS.length()) {
            return DIGITS.charAt(event);
        }
        return event == 16 ? 'F' : '?';
    }
}
