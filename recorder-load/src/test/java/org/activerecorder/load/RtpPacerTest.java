package org.activerecorder.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpPacerTest {

    @Test
    void sendsEveryPacketOfEveryStreamInOrderAt20Milliseconds() throws Exception {
        int streams = 4;
        int packets = 25;
        AudioFrames tone = AudioFrames.tone(1000);
        List<DatagramChannel> receivers = new ArrayList<>();
        List<PacedStream> sent = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(streams);
        try (RtpPacer pacer = new RtpPacer(2)) {
            long started = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                receivers.add(receiver);
                DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                sender.connect(receiver.getLocalAddress());
                PacedStream stream = new PacedStream(sender, tone, packets, 0x1000 + i, done::countDown);
                sent.add(stream);
                pacer.start(stream);
            }
            assertTrue(done.await(5, TimeUnit.SECONDS), "every stream finished");
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            // 25 packets at 20 ms: the last is due 480 ms after the first
            assertTrue(elapsedMillis >= 470 && elapsedMillis < 1500, "took " + elapsedMillis + " ms");
        }
        for (int i = 0; i < streams; i++) {
            assertEquals(packets, sent.get(i).sent());
            DatagramChannel receiver = receivers.get(i);
            receiver.configureBlocking(false);
            ByteBuffer packet = ByteBuffer.allocate(2048);
            int first = -1;
            for (int k = 0; k < packets; k++) {
                packet.clear();
                assertTrue(receiver.receive(packet) != null, "packet " + k + " of stream " + i + " arrived");
                packet.flip();
                assertEquals(172, packet.remaining());
                assertEquals(0x80, packet.get(0) & 0xff);
                assertEquals(0, packet.get(1));
                int sequence = packet.getShort(2) & 0xffff;
                first = k == 0 ? sequence : first;
                assertEquals((first + k) & 0xffff, sequence);
                assertEquals(k * 160, packet.getInt(4));
                assertEquals(0x1000 + i, packet.getInt(8));
                byte[] payload = new byte[160];
                packet.position(12);
                packet.get(payload);
                assertArrayEquals(tone.frame(k), payload);
            }
            receiver.close();
        }
    }

    @Test
    void eachPacketCarriesTheCodecsPayloadTypeTimestampStepAndFrameWhateverItsSize() throws Exception {
        AudioFrames opus = AudioFrames.tone(LoadCodec.OPUS, 1000, 1);
        AudioFrames l16 = AudioFrames.tone(LoadCodec.L16, 1000, 1);
        for (AudioFrames frames : List.of(opus, l16)) {
            int packets = 10;
            CountDownLatch done = new CountDownLatch(1);
            try (RtpPacer pacer = new RtpPacer(1);
                 DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                 DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
                sender.connect(receiver.getLocalAddress());
                pacer.start(new PacedStream(sender, frames, packets, 0x2000, done::countDown));
                assertTrue(done.await(5, TimeUnit.SECONDS));
                receiver.configureBlocking(false);
                ByteBuffer packet = ByteBuffer.allocate(2048);
                for (int k = 0; k < packets; k++) {
                    packet.clear();
                    assertTrue(receiver.receive(packet) != null, "packet " + k + " arrived");
                    packet.flip();
                    assertEquals(frames.codec().payloadType(), packet.get(1), frames.codec().name());
                    assertEquals(k * frames.codec().timestampStep(), packet.getInt(4));
                    byte[] payload = new byte[packet.remaining() - 12];
                    packet.position(12);
                    packet.get(payload);
                    assertArrayEquals(frames.frame(k), payload, frames.codec() + " packet " + k);
                }
            }
        }
        assertEquals(960, LoadCodec.OPUS.timestampStep(), "20 ms at Opus's 48 kHz clock");
        assertEquals(320, LoadCodec.L16.timestampStep());
    }

    @Test
    void aSharedSocketSendsEveryStreamsPacketsFromItsPortAndEndsAStreamOnlyOnceItsLastPacketHasLeft() throws Exception {
        int streams = 6;
        int packets = 25;
        AudioFrames tone = AudioFrames.tone(1000);
        List<PacedStream> sent = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        // what each receiver held the moment its stream was reported ended: all of it, if the end waits for the send
        List<List<Received>> heldAtEnd = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(streams);
        List<DatagramChannel> receivers = new ArrayList<>();
        try (RtpPacer pacer = RtpPacer.shared(2, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < streams; i++) {
                DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                receiver.configureBlocking(false);
                receivers.add(receiver);
                heldAtEnd.add(new ArrayList<>());
                RtpPacer.Lane lane = pacer.next();
                ports.add(lane.sharedPort());
                List<Received> held = heldAtEnd.get(i);
                PacedStream paced = new PacedStream((InetSocketAddress) receiver.getLocalAddress(), tone, packets,
                        0x3000 + i, () -> {
                    held.addAll(drain(receiver));
                    done.countDown();
                });
                sent.add(paced);
                lane.start(paced);
            }
            assertTrue(done.await(5, TimeUnit.SECONDS), "every stream finished");
            assertEquals(0, pacer.sharedSendErrors());
        } finally {
            for (DatagramChannel receiver : receivers) {
                receiver.close();
            }
        }
        assertEquals(2, ports.stream().distinct().count(), "a port per pacing thread: " + ports);
        for (int i = 0; i < streams; i++) {
            assertEquals(packets, sent.get(i).sent());
            List<Received> held = heldAtEnd.get(i);
            assertEquals(packets, held.size(), "stream " + i + " was reported ended before its last packet left");
            int first = held.get(0).sequence();
            for (int k = 0; k < packets; k++) {
                Received packet = held.get(k);
                assertEquals((first + k) & 0xffff, packet.sequence(), "stream " + i + " packet " + k);
                assertEquals(k * 160, packet.timestamp());
                assertEquals(0x3000 + i, packet.ssrc());
                assertArrayEquals(tone.frame(k), packet.payload());
                assertEquals(ports.get(i), packet.from().getPort(), "sent from its pacing thread's port");
            }
        }
    }

    /**
     * A CPU window waits until every stream started has sent its first packet (series BQ): here the thread that sends
     * is held, in the end callback of a one-packet stream, while a second stream starts behind it, with a socket per
     * stream (the pacing thread sends) and with a shared socket (its own thread writes).
     */
    @Test
    void everyStreamIsSendingOnlyOnceTheFirstPacketOfEachStreamStartedHasLeft() throws Exception {
        for (boolean shared : List.of(false, true)) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch secondDone = new CountDownLatch(1);
            List<DatagramChannel> channels = new ArrayList<>();
            try (RtpPacer pacer = shared ? RtpPacer.shared(1, InetAddress.getByName("127.0.0.1")) : new RtpPacer(1)) {
                assertTrue(pacer.everyStreamSending(), "no stream started yet");
                Runnable holdTheSender = () -> {
                    held.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
                pacer.start(stream(shared, channels, 1, holdTheSender));
                assertTrue(held.await(5, TimeUnit.SECONDS), "the first stream's one packet left");
                pacer.start(stream(shared, channels, 2, secondDone::countDown));
                assertFalse(pacer.everyStreamSending(), "the second stream's first packet cannot have left");
                release.countDown();
                assertTrue(secondDone.await(5, TimeUnit.SECONDS));
                assertTrue(pacer.everyStreamSending(), (shared ? "shared" : "a socket per stream") + ": both sent");
            } finally {
                release.countDown();
                for (DatagramChannel channel : channels) {
                    channel.close();
                }
            }
        }
    }

    private static PacedStream stream(boolean shared, List<DatagramChannel> channels, int packets, Runnable whenDone)
            throws IOException {
        DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        channels.add(receiver);
        if (shared) {
            return new PacedStream((InetSocketAddress) receiver.getLocalAddress(), AudioFrames.tone(1000), packets,
                    0x4000 + packets, whenDone);
        }
        DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        channels.add(sender);
        sender.connect(receiver.getLocalAddress());
        return new PacedStream(sender, AudioFrames.tone(1000), packets, 0x4000 + packets, whenDone);
    }

    private record Received(InetSocketAddress from, int sequence, int timestamp, int ssrc, byte[] payload) {
    }

    /** Every packet the non-blocking receiver holds now, in arrival order. */
    private static List<Received> drain(DatagramChannel receiver) {
        List<Received> packets = new ArrayList<>();
        try {
            ByteBuffer packet = ByteBuffer.allocate(2048);
            while (true) {
                packet.clear();
                InetSocketAddress from = (InetSocketAddress) receiver.receive(packet);
                if (from == null) {
                    return packets;
                }
                packet.flip();
                byte[] payload = new byte[packet.remaining() - 12];
                packet.get(12, payload);
                packets.add(new Received(from, packet.getShort(2) & 0xffff, packet.getInt(4), packet.getInt(8),
                        payload));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
