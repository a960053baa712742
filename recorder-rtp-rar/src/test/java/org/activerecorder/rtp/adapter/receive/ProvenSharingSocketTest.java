package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code recorder.rtp.port-sharing=proven} (docs/port-groups.md, rule 9) over real sockets on 127.0.0.1: a media
 * address's streams share ports only after {@value ProvenSenders#PROVEN_AFTER} of its streams in a row, each on a port
 * of its own, came from exactly the address and port their SDP named; a stream latched elsewhere starts the count
 * again, and a stream that shared a port and ended without a datagram sends the address's next streams back to ports of
 * their own.
 */
class ProvenSharingSocketTest {

    private static final int PACKET_SAMPLES = 160;
    private static final int PACKETS = 50;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(10);

    private RtpReceiver receiver;
    private int streams;
    private int previousPort = -1;
    private String previousId;

    @Test
    void anAddressSharesPortsAfter16StreamsInARowFromWhereItsSdpSaidAndNotBefore() throws Exception {
        receiver = fixture.start(fixture.settings(1).withStreamsPerPort(32, ReceiverSettings.PortSharing.PROVEN));
        for (int i = 0; i < ProvenSenders.PROVEN_AFTER - 1; i++) {
            ownPortStream(true);
        }
        ownPortStream(false); // the 16th came from elsewhere: the count starts again
        for (int i = 0; i < ProvenSenders.PROVEN_AFTER; i++) {
            ownPortStream(true); // each still on a port of its own: the proof comes at its first packet
        }
        closePrevious();

        try (RtpSender agent = new RtpSender(); RtpSender customer = new RtpSender()) {
            byte[] agentTone = ToneSource.encoded(440, PACKETS * PACKET_SAMPLES, true);
            byte[] customerTone = ToneSource.encoded(1000, PACKETS * PACKET_SAMPLES, true);
            int a = receiver.open(spec("agent", agent.address())).localRtp().getPort();
            agent.send(packet(agentTone, 0, 0x2000_0001L), a);
            Await.until(() -> fixture.received("agent") == 1, "agent latched");
            int c = receiver.open(spec("customer", customer.address())).localRtp().getPort();
            assertEquals(a, c, "proven, the address's streams share one port");
            for (int i = 0; i < PACKETS; i++) {
                if (i > 0) {
                    agent.send(packet(agentTone, i, 0x2000_0001L), a);
                }
                customer.send(packet(customerTone, i, 0x2000_0002L), c);
            }
            Await.until(() -> fixture.received("agent") == PACKETS && fixture.received("customer") == PACKETS,
                    "both took every packet");
            assertTrue(receiver.close("agent"));
            assertTrue(receiver.close("customer"));
            assertRecording("agent", agentTone, 440);
            assertRecording("customer", customerTone, 1000);
        }
    }

    @Test
    void aStreamThatSharedAPortAndHeardNothingSendsItsAddressBackToPortsOfItsOwn() throws Exception {
        receiver = fixture.start(fixture.settings(1).withStreamsPerPort(32, ReceiverSettings.PortSharing.PROVEN));
        for (int i = 0; i < ProvenSenders.PROVEN_AFTER; i++) {
            ownPortStream(true);
        }
        closePrevious();
        try (RtpSender first = new RtpSender(); RtpSender behindNat = new RtpSender();
             RtpSender next = new RtpSender(); RtpSender after = new RtpSender()) {
            byte[] tone = ToneSource.encoded(440, PACKET_SAMPLES, true);
            int shared = receiver.open(spec("first", first.address())).localRtp().getPort();
            first.send(packet(tone, 0, 0x3000_0001L), shared);
            Await.until(() -> fixture.received("first") == 1, "first latched");
            int silent = receiver.open(spec("silent", behindNat.address())).localRtp().getPort();
            assertEquals(shared, silent, "proven: the next stream shares the port");
            assertTrue(receiver.close("silent"));
            assertEquals(0, fixture.closed("silent").statistics().packetsReceived());

            int own = receiver.open(spec("next", next.address())).localRtp().getPort();
            assertNotEquals(shared, own, "after a silent stream on a shared port, a port of its own");
            int again = receiver.open(spec("after", after.address())).localRtp().getPort();
            assertNotEquals(shared, again);
            assertNotEquals(own, again, "and so for the next, until the address has proved itself again");
            for (String id : new String[] {"first", "next", "after"}) {
                assertTrue(receiver.close(id));
                assertEquals(CloseReason.REQUESTED, fixture.closed(id).reason());
            }
        }
    }

    /**
     * Opens a stream that must get a port of its own, sends its first packet from where its SDP said
     * ({@code fromSdp}) or from another port of the address, and closes the stream before it once this one is latched.
     */
    private void ownPortStream(boolean fromSdp) throws Exception {
        String id = "own" + streams++;
        try (RtpSender named = new RtpSender(); RtpSender elsewhere = new RtpSender()) {
            int port = receiver.open(spec(id, named.address())).localRtp().getPort();
            if (previousPort >= 0) {
                assertNotEquals(previousPort, port, id + " has a port of its own");
            }
            byte[] tone = ToneSource.encoded(440, PACKET_SAMPLES, true);
            (fromSdp ? named : elsewhere).send(packet(tone, 0, 0x1000_0000L + streams), port);
            Await.until(() -> fixture.received(id) == 1, id + " latched");
            closePrevious();
            previousPort = port;
            previousId = id;
        }
    }

    private void closePrevious() throws InterruptedException {
        if (previousId != null) {
            assertTrue(receiver.close(previousId));
            assertEquals(1, fixture.closed(previousId).statistics().packetsReceived());
            previousId = null;
        }
    }

    private StreamSpec spec(String id, InetSocketAddress sender) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, sender, fixture.folder().resolve(id + ".wav"));
    }

    private static byte[] packet(byte[] tone, int index, long ssrc) {
        int from = (index * PACKET_SAMPLES) % tone.length;
        return rtp().payloadType(0).sequence(1000 + index).timestamp((long) index * PACKET_SAMPLES).ssrc(ssrc)
                .payload(Arrays.copyOfRange(tone, from, from + PACKET_SAMPLES)).bytes();
    }

    private void assertRecording(String id, byte[] tone, double frequency) throws IOException {
        short[] expected = ToneSource.decodeWithJdk(tone, true);
        WavContent wav = WavContent.read(fixture.folder().resolve(id + ".wav"));
        assertEquals(expected.length, wav.frameLength(), id);
        assertArrayEquals(expected, wav.samples(), id);
        assertEquals(frequency, Goertzel.dominant(wav.samples(), 0, wav.samples().length, 8000, 100, 3500, 5), 5, id);
    }
}
