package org.activerecorder.rtp.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Audio codecs the adapter can decode, with their static RTP payload type and SDP encoding name.
 *
 * <p>The skeleton records G.711 only; more codecs (G.722, L16, Opus) are one constant and one decoder away.
 */
public enum AudioCodec {
    /** G.711 mu-law, RFC 3551 static payload type 0. */
    PCMU(0, "PCMU", 8000),
    /** G.711 A-law, RFC 3551 static payload type 8. */
    PCMA(8, "PCMA", 8000);

    private final int staticPayloadType;
    private final String encodingName;
    private final int clockRate;

    AudioCodec(int staticPayloadType, String encodingName, int clockRate) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
    }

    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** The encoding name as written in an SDP {@code a=rtpmap} line. */
    public String encodingName() {
        return encodingName;
    }

    /** RTP clock rate in Hz; also the sample rate of the decoded audio. */
    public int clockRate() {
        return clockRate;
    }

    /** The codec with this static payload type, if we support one. */
    public static Optional<AudioCodec> byStaticPayloadType(int payloadType) {
        for (AudioCodec codec : values()) {
            if (codec.staticPayloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec with this SDP encoding name and clock rate (names compare case-insensitively, as RFC 4566 says). */
    public static Optional<AudioCodec> byEncoding(String encodingName, int clockRate) {
        if (encodingName == null) {
            return Optional.empty();
        }
        String wanted = encodingName.toUpperCase(Locale.ROOT);
        for (AudioCodec codec : values()) {
            if (codec.encodingName.equals(wanted) && codec.clockRate == clockRate) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
