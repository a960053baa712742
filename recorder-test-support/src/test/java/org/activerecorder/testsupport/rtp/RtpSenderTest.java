package org.activerecorder.testsupport.rtp;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ITs trust the sender to script each discontinuity exactly as RFC 3550/3389/4733 senders do: this test reads
 * every packet of one script off a socket and checks its fields and its timing.
 */
class RtpSenderTest {

    /** A packet as it arrived. */
    record Received(long arrivalNanos, int sourcePort, boolean marker, int payloadType, int sequence, long timestamp,
                    int ssrc, byte[] payload) {
    }

    private static List<Received> receive(DatagramSocket socket, int count) throws Exception {
        List<Received> packets = new ArrayList<>();
        byte[] buffer = new byte[2048];
        socket.setSoTimeout(5000);
        while (packets.size() < count) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            socket.receive(datagram);
            ByteBuffer view = ByteBuffer.wrap(buffer, 0, datagram.getLength());
            assertEquals(0x80, view.get() & 0xFF, "version 2, no padding, extension or CSRC");
            int second = view.get() & 0xFF;
            int sequence = view.getShort() & 0xFFFF;
            long timestamp = view.getInt() & 0xFFFFFFFFL;
            int ssrc = view.getInt();
            byte[] payload = new byte[view.remaining()];
            view.get(payload);
            packets.add(new Received(System.nanoTime(), datagram.getPort(), (second & 0x80) != 0, second & 0x7F,
                    sequence, timestamp, ssrc, payload));
        }
        return packets;
    }

    /** The next {@code count} packets on {@code socket}, read on another thread. */
    private static CompletableFuture<List<Received>> receiving(DatagramSocket socket, int count) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return receive(socket, count);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] audio(int packets) {
        byte[] payload = new byte[packets * 160];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return payload;
    }

    @Test
    void everyDiscontinuityIsSentAsARealSenderWould() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> cueRan = new java.util.concurrent.atomic.AtomicReference<>();
        RtpScript script = RtpScript.create()
                .audio(audio(3))                                                     // packets 0-2
                .mark("quiet").silence(Duration.ofMillis(100))
                .comfortNoise(Duration.ofMillis(100), Duration.ofMillis(40))         // 3-5
                .audio(audio(1))                                                     // 6
                .hold(Duration.ofMillis(100))
                .audio(audio(1))                                                     // 7
                .loss(Duration.ofMillis(40))
                .audio(audio(1))                                                     // 8
                .restartSequence()
                .audio(audio(1))                                                     // 9
                .mark("digit").dtmf('#', Duration.ofMillis(60))                      // 10-14
                .moveSource()
                .audio(audio(1))                                                     // 15
                .changeSsrc()
                .cue("cue", () -> cueRan.set(java.time.Instant.now()))
                .audio(audio(1));                                                    // 16
        try (DatagramSocket recorder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             RtpSender sender = new RtpSender()) {
            assertEquals(0, sender.port() % 2, "RTP from an even port");
            CompletableFuture<List<Received>> arrived = receiving(recorder, 17);
            // lower bounds from before the first send: a receiving thread that runs late can only make them larger
            long started = System.nanoTime();
            Played played = sender.play(script, new InetSocketAddress("127.0.0.1", recorder.getLocalPort()));
            List<Received> p = arrived.get();

            assertEquals(9, played.audioPackets());
            assertEquals(3, played.comfortNoise());
            assertEquals(5, played.telephoneEvents());
            assertEquals(2, played.lost());
            assertEquals(60, played.millisTo("quiet"));
            // by the schedule; a thread woken late after the hold moves the rest of it by that much (RtpSender.send)
            long digit = played.millisTo("digit");
            assertTrue(digit >= 20 * 3 + 100 + 100 + 20 + 100 + 20 + 40 + 20 + 20 && digit < 480 + 1_000,
                    "the digit 480 ms in, or later by the sender's lateness after the hold: " + digit);

            // audio: PCMU, 160 bytes, the payload as given, the first packet marked
            assertEquals(0, p.get(0).payloadType());
            assertTrue(p.get(0).marker());
            assertArrayEquals(java.util.Arrays.copyOfRange(audio(3), 160, 320), p.get(1).payload());
            for (int i = 1; i < 3; i++) {
                assertEquals(p.get(0).sequence() + i, p.get(i).sequence());
                assertEquals(p.get(0).timestamp() + 160L * i, p.get(i).timestamp());
                assertTrue(!p.get(i).marker());
            }
            long t0 = p.get(0).timestamp();
            int s0 = p.get(0).sequence();
            // silence: nothing for 100 ms, the clock ran; comfort noise every 40 ms, numbered, not marked
            for (int i = 3; i <= 5; i++) {
                assertEquals(13, p.get(i).payloadType());
                assertEquals(1, p.get(i).payload().length);
                assertEquals(s0 + i, p.get(i).sequence());
                assertEquals(t0 + 480 + 800 + 320L * (i - 3), p.get(i).timestamp());
            }
            assertTrue(p.get(3).arrivalNanos() - started >= 150_000_000L, "3 packets, then 100 ms of silence");
            // audio after comfort noise: marked, the clock ran through the noise
            assertTrue(p.get(6).marker());
            assertEquals(t0 + 480 + 800 + 800, p.get(6).timestamp());
            assertEquals(s0 + 6, p.get(6).sequence());
            // hold: 100 ms of nothing and the clock stopped
            assertTrue(p.get(7).marker());
            assertEquals(p.get(6).timestamp() + 160, p.get(7).timestamp());
            assertTrue(p.get(7).arrivalNanos() - started >= 370_000_000L, "packet 6 at 260 ms, 20 ms + 100 ms of hold");
            // loss: two packets numbered and timed, never sent
            assertEquals(p.get(7).sequence() + 3, p.get(8).sequence());
            assertEquals(p.get(7).timestamp() + 480, p.get(8).timestamp());
            // restart: same source, the numbers far away both ways, the clock goes on
            int jump = (p.get(9).sequence() - p.get(8).sequence()) & 0xFFFF;
            assertTrue(jump > 3000 && jump < 65536 - 3000, "sequence restart by " + jump);
            assertEquals(p.get(8).ssrc(), p.get(9).ssrc());
            assertEquals(p.get(8).timestamp() + 160, p.get(9).timestamp());
            // DTMF '#': event 11, one timestamp, growing duration, then the end packet three times
            long eventStart = p.get(9).timestamp() + 160;
            int[] durations = {160, 320, 480, 480, 480};
            for (int i = 10; i <= 14; i++) {
                Received event = p.get(i);
                assertEquals(101, event.payloadType());
                assertEquals(i == 10, event.marker(), "the first packet of an event is marked");
                assertEquals(eventStart, event.timestamp());
                assertEquals(p.get(9).sequence() + (i - 9) & 0xFFFF, event.sequence());
                ByteBuffer payload = ByteBuffer.wrap(event.payload());
                assertEquals(11, payload.get());
                int flags = payload.get() & 0xFF;
                assertEquals(i >= 12, (flags & 0x80) != 0, "end bit on the last three");
                assertEquals(10, flags & 0x3F, "volume");
                assertEquals(durations[i - 10], payload.getShort() & 0xFFFF);
            }
            // moved: the same stream from the second socket, the clock after the digit
            assertEquals(sender.port(), p.get(14).sourcePort());
            assertEquals(sender.movedPort(), p.get(15).sourcePort());
            assertEquals(eventStart + 480, p.get(15).timestamp());
            assertEquals(p.get(14).ssrc(), p.get(15).ssrc());
            // new synchronisation source
            assertNotEquals(p.get(15).ssrc(), p.get(16).ssrc());

            // from before the first send: never sooner than the script (a late receiving thread only adds), and not
            // much later on a machine that is busy with other work
            double total = (p.get(16).arrivalNanos() - started) / 1_000_000.0;
            long scripted = played.millisTo("digit") + 60 + 20; // the digit, then packet 15; packet 16 goes at that time
            assertTrue(total >= scripted - 1 && total <= scripted + 500, "paced in real time: " + total + " ms for "
                    + scripted + " ms of script");
            assertEquals(0, java.time.Duration.between(played.at("cue"), cueRan.get()).toMillis(), 10,
                    "the cue runs when the script reaches it");
            assertEquals(played.millisTo("cue"), played.millisTo("digit") + 60 + 20);
        }
    }

    /** A script as played, its packets as they arrived, and a lower bound of its start. */
    private record Run(Played played, List<Received> packets, long startedNanos) {

        /** When packet {@code index} arrived, in ms from the start: a late receiving thread only makes it larger. */
        double arrivalMillis(int index) {
            return (packets.get(index).arrivalNanos() - startedNanos) / 1_000_000.0;
        }
    }

    /** Plays {@code script} to a socket of this test and reads its first {@code count} packets there. */
    private static Run play(RtpScript script, int count) throws Exception {
        try (DatagramSocket recorder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             RtpSender sender = new RtpSender()) {
            CompletableFuture<List<Received>> arrived = receiving(recorder, count);
            long started = System.nanoTime(); // before the first send
            Played played = sender.play(script, new InetSocketAddress("127.0.0.1", recorder.getLocalPort()));
            return new Run(played, arrived.get(), started);
        }
    }

    @Test
    void aHoldAfterACueAnsweredLateLastsItsLengthFromTheAnswer() throws Exception {
        Run run = play(RtpScript.create()
                .audio(audio(1))
                .cue("resume", () -> Thread.sleep(150)) // a re-INVITE answered in 150 ms
                .hold(Duration.ofMillis(100))
                .mark("back")
                .audio(audio(1)), 2);

        long back = run.played().millisTo("back");
        assertTrue(back >= 20 + 150 + 100, "the hold counts from the answer: " + back + " ms");
        Played.Span resume = run.played().cueMillis("resume");
        assertTrue(resume.from() >= 20 && resume.from() < 20 + 100, "the cue began at its point: " + resume);
        assertTrue(resume.to() >= resume.from() + 150 && resume.to() <= back, "and returned with its answer: " + resume);
        assertTrue(resume.holds(20 + 75, 0) && !resume.holds(back + 50, 10), "a point of its span is in it: " + resume);
        assertTrue(run.arrivalMillis(1) >= back - 1, "nothing sent before the mark that names the audio's return: "
                + run.arrivalMillis(1) + " ms against " + back);
    }

    @Test
    void aFirstPacketAfterAHoldThatWentOutLateTakesTheMarksOfTheHoldsEndWithIt() throws Exception {
        Run run = play(RtpScript.create()
                .audio(audio(1))
                .hold(Duration.ofMillis(100))
                .cue("late", () -> Thread.sleep(150)) // the sending thread held up at the hold's end, as a busy machine does
                .mark("back")
                .audio(audio(3)), 4);

        // a receiver places what follows a hold with a stopped clock by its arrival: the mark goes where it went out
        Played played = run.played();
        long back = played.millisTo("back");
        assertTrue(back >= 20 + 100 + 150, "the hold ended when its first packet went out: " + back + " ms");
        assertTrue(run.arrivalMillis(1) >= back - 1, run.arrivalMillis(1) + " ms against " + back);
        assertTrue(played.millisTo("late") < 20 + 100 + 20, "a cue's mark names when it ran: "
                + played.millisTo("late") + " ms");
        assertEquals(back + 40, Duration.between(played.first(), played.last()).toMillis(),
                "the audio after it follows its first packet, 20 ms apart");
        List<Received> p = run.packets();
        assertEquals(p.get(0).timestamp() + 160, p.get(1).timestamp(), "the RTP clock stopped through the hold");
    }
}
