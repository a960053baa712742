package org.activerecorder.load;

import org.activerecorder.testsupport.sip.MediaServerSimulator.AudioFormats;

import java.util.Locale;

/**
 * The codec both parties of every call send ({@code --codec}), as a Media Server would offer it: what the offer names,
 * the RTP payload type and clock step of a 20 ms packet, and the sample rate the recorder writes for it (8 kHz for
 * G.711, 16 kHz for the wideband codecs, both parties alike). Capacity depends on it: G.711 is decoded by table on the
 * receive loop, Opus by concentus on a decode thread beside it, L16 at 16 kHz brings four times G.711's bytes.
 */
enum LoadCodec {
    /** mu-law, payload type 0: what a Genesys Media Server copies from a party, the default. */
    PCMU(0, 160, 8_000, new AudioFormats("0 101", "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n")),
    /** A-law, payload type 8. */
    PCMA(8, 160, 8_000, new AudioFormats("8 101", "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n")),
    /** G.722, payload type 9: 16 kHz audio on an 8,000 Hz RTP clock (RFC 3551's historical error). */
    G722(9, 160, 16_000, new AudioFormats("9 101", "a=rtpmap:9 G722/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n")),
    /** L16 at 16 kHz, mono, on dynamic payload type 98: 640 bytes a packet. */
    L16(98, 320, 16_000, new AudioFormats("98 102", "a=rtpmap:98 L16/16000\r\n"
            + "a=rtpmap:102 telephone-event/16000\r\na=fmtp:102 0-15\r\n")),
    /** Opus on dynamic payload type 111 at its 48,000 Hz clock, encoded from 16 kHz (wideband) at 32 kbit/s. */
    OPUS(111, 960, 16_000, new AudioFormats("111 101", "a=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1;stereo=0\r\n"
            + "a=rtpmap:101 telephone-event/48000\r\na=fmtp:101 0-15\r\n"));

    private final int payloadType;
    private final int timestampStep;
    private final int recordedRate;
    private final AudioFormats offered;

    LoadCodec(int payloadType, int timestampStep, int recordedRate, AudioFormats offered) {
        this.payloadType = payloadType;
        this.timestampStep = timestampStep;
        this.recordedRate = recordedRate;
        this.offered = offered;
    }

    /** The codecs' names, in the order the usage lists them. */
    static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(LoadCodec::name).toList());
    }

    /** The codec named (any case), or {@code null} if none is. */
    static LoadCodec named(String name) {
        for (LoadCodec codec : values()) {
            if (codec.name().equals(name.toUpperCase(Locale.ROOT))) {
                return codec;
            }
        }
        return null;
    }

    int payloadType() {
        return payloadType;
    }

    /** How far the RTP timestamp moves per 20 ms packet. */
    int timestampStep() {
        return timestampStep;
    }

    /** The sample rate of the recording's WAV when both parties send this codec. */
    int recordedRate() {
        return recordedRate;
    }

    /** The audio line's formats in the offer: this codec only, and telephone-event at its clock. */
    AudioFormats offered() {
        return offered;
    }
}
