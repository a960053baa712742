package org.activerecorder.rtp.api;

import java.util.Optional;

/**
 * The audio codecs the recorder can record: what the signalling, the media plane and the assembly each need to know
 * of one, without its decoder (which is the adapter's: see its {@code pipeline.AudioDecoder} SPI).
 *
 * <p>Two rates are kept apart because they differ: the <b>RTP clock rate</b> is what the packets' timestamps count
 * and what SDP's {@code a=rtpmap} names; the <b>sample rate</b> is that of the decoded audio in the stream's file.
 * G.722 has an RTP clock of 8000 (RFC 3551 kept a historical error) but 16 kHz audio, and Opus always has an RTP clock
 * of 48000, {@code opus/48000/2}, RFC 7587, whatever its audio (decoded here at 16 kHz). The adapter turns
 * timestamps into positions of the file in one place, its {@code TimestampPositioner}.
 *
 * <p>Adding a codec is a constant here (its description) and one decoder class in the adapter; the adapter's
 * decoder factory switches over this enum exhaustively, so a constant without a decoder does not compile.
 * {@link #recordingRank()} orders them by how well they record, for the choice when an offer names several.
 */
public enum AudioCodec {
    /** Linear 16-bit PCM, network byte order (RFC 3551 4.5.11), mono at 16 kHz, dynamic payload type. */
    L16_16000(AudioCodec.DYNAMIC, "L16", 16_000, 16_000, 1, 1_000, 0),
    /** G.722 (ITU-T, sub-band ADPCM, 64 kbit/s): 16 kHz audio on an 8000 Hz RTP clock, static payload type 9. */
    G722(9, "G722", 8_000, 16_000, 1, 1_000, 1),
    /**
     * Opus (RFC 6716, RTP RFC 7587): {@code opus/48000/2} in SDP whatever the audio, a 48000 Hz RTP clock, decoded
     * here to mono 16 kHz audio; dynamic payload type; packets of up to 120 ms.
     */
    OPUS(AudioCodec.DYNAMIC, "opus", 48_000, 16_000, 2, 120, 2),
    /** Linear 16-bit PCM, network byte order, mono at 8 kHz, dynamic payload type. */
    L16_8000(AudioCodec.DYNAMIC, "L16", 8_000, 8_000, 1, 1_000, 3),
    /** G.711 mu-law, RFC 3551 static payload type 0. */
    PCMU(0, "PCMU", 8_000, 8_000, 1, 1_000, 4),
    /** G.711 A-law, RFC 3551 static payload type 8. */
    PCMA(8, "PCMA", 8_000, 8_000, 1, 1_000, 4);

    /** {@link #staticPayloadType()} of a codec that has none: the offer must map a dynamic one. */
    public static final int DYNAMIC = -1;

    private final int staticPayloadType;
    private final String encodingName;
    private final int clockRate;
    private final int sampleRate;
    private final int sdpChannels;
    private final int maxPacketMillis;
    private final int recordingRank;

    AudioCodec(int staticPayloadType, String encodingName, int clockRate, int sampleRate, int sdpChannels,
               int maxPacketMillis, int recordingRank) {
        this.recordingRank = recordingRank;
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
        this.sdpChannels = sdpChannels;
        this.maxPacketMillis = maxPacketMillis;
    }

    /** The RFC 3551 static payload type, or {@link #DYNAMIC}. */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** The encoding name as written in an SDP {@code a=rtpmap} line. */
    public String encodingName() {
        return encodingName;
    }

    /** RTP clock rate in Hz: what the timestamps count and the {@code a=rtpmap} line names. */
    public int clockRate() {
        return clockRate;
    }

    /** Sample rate in Hz of the decoded audio, and so of the stream's file. */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The channel count the {@code a=rtpmap} line names (Opus is always {@code opus/48000/2}, RFC 7587 7, even for
     * mono voice); 1 means the line names none.
     */
    public int sdpChannels() {
        return sdpChannels;
    }

    /** The encoding as an {@code a=rtpmap} line writes it: {@code PCMU/8000}, {@code L16/16000}, {@code opus/48000/2}. */
    public String rtpmapEncoding() {
        return encodingName + "/" + clockRate + (sdpChannels == 1 ? "" : "/" + sdpChannels);
    }

    /** The most decoded samples one packet of this codec can carry (Opus: 120 ms; others: a second, bounded). */
    public int maxSamplesPerPacket() {
        return (int) ((long) maxPacketMillis * sampleRate / 1_000);
    }

    /**
     * How well the codec records, 0 best: lossless wideband (L16/16000), then the wideband codecs (G.722, a waveform
     * coder at 64 kbit/s, before Opus, whose quality depends on the sender's bit rate and whose decoding costs the
     * server far more), lossless narrowband (L16/8000), and G.711, whose two laws are equal (the offerer's order
     * decides between them).
     */
    public int recordingRank() {
        return recordingRank;
    }

    /** Whether this codec's audio is wideband (16 kHz or more). */
    public boolean wideband() {
        return sampleRate >= 16_000;
    }

    /** The codec with this static payload type, if we support one. */
    public static Optional<AudioCodec> byStaticPayloadType(int payloadType) {
        for (AudioCodec codec : values()) {
            if (codec.staticPayloadType != DYNAMIC && codec.staticPayloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /**
     * The codec with this SDP encoding name, clock rate and channel count (names compare case-insensitively, as RFC
     * 4566 says; a channel count the line did not give is 1).
     */
    public static Optional<AudioCodec> byEncoding(String encodingName, int clockRate, int channels) {
        if (encodingName == null) {
            return Optional.empty();
        }
        for (AudioCodec codec : values()) {
            if (codec.encodingName.equalsIgnoreCase(encodingName) && codec.clockRate == clockRate
                    && codec.sdpChannels == channels) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The mono codec with this SDP encoding name and clock rate. */
    public static Optional<AudioCodec> byEncoding(String encodingName, int clockRate) {
        return byEncoding(encodingName, clockRate, 1);
    }
}
