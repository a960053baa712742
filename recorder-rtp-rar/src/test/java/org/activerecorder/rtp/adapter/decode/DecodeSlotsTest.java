package org.activerecorder.rtp.adapter.decode;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream's decode slots: made for a usual packet, they take a longer one whole (its slot grows once), and a stream
 * may fall more than the window's reorder hold behind before a packet is refused.
 */
class DecodeSlotsTest {

    private static final int RATE = 16_000;
    private DecodeWorker worker;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        assertTrue(worker.awaitEnd(5, TimeUnit.SECONDS));
    }

    /** 60 ms frames at 96 kbit/s: three times the samples and about three times the octets a slot is made for. */
    @Test
    void aPacketLongerThanTheSlotsWereMadeForIsDecodedWhole() throws Exception {
        start(new DecodeWorker("slots-test", FrameDecoder::forCodec));
        DecodeSlots slots = worker.slotsFor("s", AudioCodec.OPUS);
        int frame = 3 * RATE / 50;
        byte[][] packets = encode(ToneSource.linear(1_000, 5 * frame, RATE), frame, 96_000);
        assertTrue(packets[0].length > DecodeSlots.USUAL_PAYLOAD, "a payload longer than a new slot's room: "
                + packets[0].length);

        for (int i = 0; i < packets.length; i++) {
            ByteBuffer datagram = ByteBuffer.allocateDirect(12 + packets[i].length).position(12);
            datagram.put(packets[i]).clear();
            assertTrue(slots.submit(datagram, 12, packets[i].length, (long) i * frame, frame), "packet " + i);
            Await.until(slots::ready, "packet " + i + " decoded");
            assertTrue(slots.decoded(), "packet " + i + " decoded without error");
            assertEquals(frame, slots.count());
            short[] audio = Arrays.copyOf(slots.samples(), frame);
            slots.release();
            if (i > 0) { // the first packet carries the encoder's start-up
                assertEquals(1_000, Goertzel.dominant(audio, 0, frame, RATE, 200, 7_000, 10), 10, "packet " + i);
                assertTrue(rms(audio) > ToneSource.AMPLITUDE / 1.41 / 2, "packet " + i + " at the tone's level");
            }
        }
    }

    /**
     * A worker stuck on the first packet: the stream may queue {@value DecodeSlots#SLOTS} packets (960 ms of 20 ms
     * ones, more than the window's half second) before the next is refused.
     */
    @Test
    void aStreamMayFallMoreThanHalfASecondBehindBeforeAPacketIsRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(new DecodeWorker("slots-test", codec -> (payload, length, target) -> {
            entered.countDown();
            release.await();
            return 320;
        }));
        DecodeSlots slots = worker.slotsFor("s", AudioCodec.OPUS);
        ByteBuffer datagram = ByteBuffer.allocateDirect(100);
        assertTrue(slots.submit(datagram, 12, 60, 0, 320));
        assertTrue(entered.await(5, TimeUnit.SECONDS), "the worker is stuck on the first packet");
        for (int i = 1; i < DecodeSlots.SLOTS; i++) {
            assertTrue(slots.submit(datagram, 12, 60, i * 320L, 320), "packet " + i + " queued");
        }
        assertTrue(DecodeSlots.SLOTS * 20 > 512, "more than the 16 kHz window's reorder hold (512 ms)");
        assertFalse(slots.submit(datagram, 12, 60, DecodeSlots.SLOTS * 320L, 320), "refused: every slot taken");
        release.countDown();
    }

    private void start(DecodeWorker decodeWorker) throws InterruptedException {
        worker = decodeWorker;
        Thread thread = new Thread(worker, "slots-test-worker");
        thread.setDaemon(true);
        thread.start();
        Await.until(() -> thread.getName().equals("slots-test"), "worker running");
    }

    private static byte[][] encode(short[] pcm, int frame, int bitrate) throws Exception {
        OpusEncoder encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        encoder.setBitrate(bitrate);
        byte[][] packets = new byte[pcm.length / frame][];
        byte[] out = new byte[1_275 * 3];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = Arrays.copyOf(out, encoder.encode(pcm, i * frame, frame, out, 0, out.length));
        }
        return packets;
    }

    private static double rms(short[] audio) {
        double sum = 0;
        for (short sample : audio) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / audio.length);
    }
}
