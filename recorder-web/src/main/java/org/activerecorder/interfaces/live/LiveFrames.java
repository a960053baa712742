package org.activerecorder.interfaces.live;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import org.activerecorder.application.live.LiveListening;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire format of live listening (docs/live-listen.md). First a text message describing the streams, then one
 * binary message per run of audio: a 24-byte header (version 2, the stream's index, two reserved bytes, the sample
 * rate, the position of the first sample, and when the recorder placed it in microseconds since the listening
 * began; big-endian) and the samples, 16-bit signed little-endian as Web Audio and WAV take them.
 */
final class LiveFrames {

    /** Looked up once: {@code Json.create...} looks the provider up at every call (docs/performance.md, series U). */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int VERSION = 2;
    static final int HEADER_BYTES = 24;

    private LiveFrames() {
    }

    /** {"recordingId": .., "format": "s16le", "streams": [{"index", "side", "dn", "sampleRate"}]} */
    static String describe(LiveListening listening) {
        JsonArrayBuilder streams = JSON.createArrayBuilder();
        for (LiveListening.Heard stream : listening.streams()) {
            streams.add(JSON.createObjectBuilder()
                    .add("index", stream.index())
                    .add("side", stream.side().name().toLowerCase(java.util.Locale.ROOT))
                    .add("dn", stream.dn())
                    .add("sampleRate", stream.sampleRate()));
        }
        return JSON.createObjectBuilder()
                .add("recordingId", listening.recordingId())
                .add("format", "s16le")
                .add("streams", streams)
                .build().toString();
    }

    static ByteBuffer encode(LiveListening.Frame frame) {
        short[] samples = frame.samples();
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + 2 * samples.length);
        out.put((byte) VERSION).put((byte) frame.stream().index()).putShort((short) 0)
                .putInt(frame.stream().sampleRate()).putLong(frame.position()).putLong(frame.placedMicros());
        out.order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            out.putShort(sample);
        }
        return out.flip();
    }
}
