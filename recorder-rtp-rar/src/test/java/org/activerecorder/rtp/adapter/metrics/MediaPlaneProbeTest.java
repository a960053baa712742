package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.adapter.delivery.EndpointEventDispatcher;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.fixtures.FreePorts;
import org.activerecorder.rtp.adapter.receive.ReceiverFixture;
import org.activerecorder.rtp.adapter.receive.RtpReceiver;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures the server's metrics read, over a real receiver with two loops on 127.0.0.1 (a free range of ten port
 * pairs: see {@link ReceiverFixture}): each stream's packets are counted once, while it is open
 * and after it closed, and the ports, loops, closes and queued events are those of the streams.
 */
class MediaPlaneProbeTest {

    private static final int PACKET_SAMPLES = 160;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(10);

    private RtpReceiver receiver;

    @Test
    void countsEveryStreamsPacketsOnceWhileOpenAndAfterItClosed() throws Exception {
        EndpointEventDispatcher events = new EndpointEventDispatcher(1); // never started: what it is given waits
        ClosedStreamTally closed = new ClosedStreamTally(events);
        receiver = fixture.start(fixture.settings(2), closed);
        FreePorts.Range ports = fixture.ports();
        Path proc = fakeProcNet(ports.first() + 4);
        OpenFiles files = new OpenFiles(OpenFiles.PROC_SELF);
        MediaPlaneProbe probe = new MediaPlaneProbe(receiver, events, closed,
                new KernelUdpDrops(proc, proc.resolve("udp_mem"), ports.first(), ports.last()), files);

        OpenedStream a = receiver.open(spec("a"));
        OpenedStream b = receiver.open(spec("b"));
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            send(sender, a, 0, 30);
            send(sender, b, 0, 20);
            sender.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 1, 2}), a.localRtp()); // malformed
            send(sender, a, 31, 10); // sequence 30 lost
            Await.until(() -> received("a") == 40 && received("b") == 20, "all packets received");
        }

        MediaPlaneFigures open = probe.figures();
        assertEquals(2, open.streamsOpen());
        assertEquals(List.of(1, 1), open.streamsPerLoop(), "balanced: one stream per loop");
        assertEquals(2, open.portPairsInUse());
        assertEquals(8, open.portPairsFree());
        assertEquals(60, open.totals().packetsReceived());
        assertEquals(1, open.totals().packetsMalformed());
        assertEquals(0, open.streamsClosed(CloseReason.REQUESTED));
        assertEquals(2, open.eventsPending(), "the two FirstPacket events wait for an endpoint");
        assertEquals(7, open.kernelDropsOpenSockets(), "drops of the sockets in the range only");
        assertEquals(42, open.udpReceiveBufferErrors());
        assertEquals(3069, open.udpMemoryPages());
        assertEquals(575817, open.udpMemoryLimitPages());
        if (files.max() > 0) { // Linux
            assertTrue(open.fileDescriptorsOpen() >= 2 * DescriptorBudget.PER_STREAM, "the streams' descriptors");
            assertEquals(files.max(), open.fileDescriptorsMax());
        }

        assertTrue(receiver.close("a"));
        Await.until(() -> events.pending() == 3, "the Closed event queued");
        MediaPlaneFigures afterClose = probe.figures();
        assertEquals(1, afterClose.streamsOpen());
        assertEquals(1, afterClose.portPairsInUse());
        assertEquals(60, afterClose.totals().packetsReceived(), "a closed stream's packets still counted, once");
        assertEquals(1, afterClose.totals().packetsMalformed());
        assertEquals(1, afterClose.totals().packetsLost(), "a's sequence 30");
        assertEquals(1, afterClose.streamsClosed(CloseReason.REQUESTED));
        assertEquals(0, afterClose.streamsClosed(CloseReason.WRITE_FAILED));
        assertEquals(afterClose.totals().samplesWritten() * 2, afterClose.audioBytesWritten());
        assertTrue(afterClose.totals().samplesWritten() >= 40L * PACKET_SAMPLES, "a's audio is on disk");
    }

    private StreamSpec spec(String id) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, null, fixture.folder().resolve(id + ".wav"));
    }

    private long received(String id) {
        return fixture.received(id);
    }

    private static void send(DatagramChannel sender, OpenedStream stream, int first, int count) throws IOException {
        for (int i = first; i < first + count; i++) {
            byte[] packet = rtp().payloadType(0).sequence(1000 + i).timestamp(8000L + (long) i * PACKET_SAMPLES)
                    .ssrc(0x1234).payload(new byte[PACKET_SAMPLES]).bytes();
            sender.send(ByteBuffer.wrap(packet), stream.localRtp());
            LockSupport.parkNanos(200_000); // paced: the test asserts counting, not the kernel's buffer
        }
    }

    /**
     * A /proc/net with one socket of the range, on {@code portInRange}, that dropped 7; one outside it dropped 99; UDP
     * using 3,069 pages of its 575,817 (and {@code udp_mem} beside them).
     */
    private Path fakeProcNet(int portInRange) throws IOException {
        Path proc = Files.createDirectories(fixture.folder().resolve("proc-net"));
        Files.writeString(proc.resolve("udp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
                 1: 0100007F:%04X 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1001 2 0000000000000000 7
                 2: 0100007F:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1002 2 0000000000000000 99
                """.formatted(portInRange)); // 0x13C4 = 5060
        Files.writeString(proc.resolve("snmp"), """
                Ip: Forwarding DefaultTTL
                Ip: 1 64
                Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                Udp: 1000 3 42 900 42 0 0 0 0
                UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                UdpLite: 0 0 0 0 5 0 0 0 0
                """);
        Files.writeString(proc.resolve("sockstat"), """
                sockets: used 412
                TCP: inuse 3 orphan 0 tw 0 alloc 5 mem 9
                UDP: inuse 401 mem 3069
                UDPLITE: inuse 0
                """);
        Files.writeString(proc.resolve("udp_mem"), "575817\t767758\t1151634\n");
        return proc;
    }
}
