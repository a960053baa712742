package org.activerecorder.rtp.adapter.pipeline;

import io.github.jaredmdobson.concentus.OpusPacketInfo;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Opus sample count read on the loop from the TOC octet (RFC 6716 3.1) agrees with concentus's own count for
 * every configuration and frame-count code, in place in a direct buffer at an offset, and refuses what the RFC calls
 * invalid (no frame, more than 120 ms, no count octet).
 */
class OpusPacketsTest {

    private static final int RATE = 16_000;

    @Test
    void everyConfigurationAndCodeCountsAsConcentusDoes() {
        for (int config = 0; config < 32; config++) {
            for (int code = 0; code < 4; code++) {
                for (int frames = code == 3 ? 0 : 1; frames <= (code == 3 ? 48 : 1); frames++) {
                    byte[] payload = {(byte) (config << 3 | code), (byte) frames, 0, 0};
                    int theirs = OpusPacketInfo.getNumSamples(payload, 0, payload.length, RATE);
                    int expected = theirs <= 0 || theirs > 1_920 ? 0 : theirs;
                    assertEquals(expected, ours(payload), "config " + config + " code " + code + " frames " + frames);
                }
            }
        }
    }

    @Test
    void packetsOfTheEncoderCountTwentyMilliseconds() {
        List<byte[]> packets = ToneSource.opus(1_000, 200);
        assertEquals(10, packets.size());
        for (byte[] packet : packets) {
            assertEquals(320, ours(packet));
        }
    }

    @Test
    void whatTheRfcCallsInvalidIsNoOpusPayload() {
        assertEquals(0, ours(new byte[0]), "no TOC");
        assertEquals(0, ours(new byte[] {(byte) (31 << 3 | 3)}), "code 3 without its count octet");
        assertEquals(0, ours(new byte[] {(byte) (31 << 3 | 3), 0}), "no frame");
        assertEquals(0, ours(new byte[] {(byte) (3 << 3 | 3), 3}), "3 x 60 ms is more than 120 ms");
        assertEquals(1_920, ours(new byte[] {(byte) (3 << 3 | 3), 2}), "2 x 60 ms is the most");
        assertFalse(OpusPackets.INSTANCE.decodesOnTheLoop());
    }

    /** Read as the loop does: in place, in a direct buffer, after an RTP header's worth of other octets. */
    private static int ours(byte[] payload) {
        ByteBuffer datagram = ByteBuffer.allocateDirect(12 + payload.length);
        datagram.position(12);
        datagram.put(payload);
        datagram.clear();
        return OpusPackets.INSTANCE.samples(datagram, 12, payload.length);
    }
}
