package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RTCP multiplexed on the RTP port (RFC 5761), over real sockets on 127.0.0.1, ports 31350-31359 (outside the
 * adapter's default range and the ephemeral range).
 */
class RtcpMuxStreamTest {

    private static final int PACKETS = 50;
    private static final int PACKET_SAMPLES = 160;
    /** An RTCP receiver report without report blocks: V=2, RC=0, PT=201, length 1, SSRC. */
    private static final byte[] RECEIVER_REPORT = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x12, 0x34};
    /** A sender report's first bytes: V=2, RC=0, PT=200, length 6, SSRC, NTP and RTP timestamps, counts. */
    private static final byte[] SENDER_REPORT = {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0x12, 0x34,
            1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x1F, 0x40, 0, 0, 0, 50, 0, 0, 0x1F, 0x40};

    @TempDir
    Path folder;

    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private RtpReceiver receiver;

    @AfterEach
    void stopReceiver() throws InterruptedException {
        if (receiver != null) {
            receiver.stop(Duration.ofSeconds(5));
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void rtcpOnTheRtpPortIsToldApartAndNeverDecodedAndTheOddPortStaysUnbound() throws Exception {
        start();
        OpenedStream muxed = receiver.open(spec("muxed", true));
        int port = muxed.localRtp().getPort();
        try (DatagramChannel oddPort = DatagramChannel.open()) {
            oddPort.bind(new InetSocketAddress(muxed.localRtp().getAddress(), port + 1)); // not ours: free
        }

        sendAudioWithReportsBetween(port);

        Await.until(() -> statistics("muxed").packetsReceived() == PACKETS, "every audio packet recorded");
        StreamStatistics counted = statistics("muxed");
        assertEquals(0, counted.packetsMalformed(), "the reports were taken as RTCP");
        assertEquals(PACKETS, counted.packetsExpected());
        assertEquals(0, counted.packetsLost());
    }

    @Test
    void withoutRtcpMuxTheSameReportsOnTheRtpPortAreMalformed() throws Exception {
        start();
        OpenedStream separate = receiver.open(spec("separate", false));

        sendAudioWithReportsBetween(separate.localRtp().getPort());

        Await.until(() -> statistics("separate").packetsReceived() == PACKETS, "every audio packet recorded");
        assertEquals(4, statistics("separate").packetsMalformed());
    }

    private void start() throws Exception {
        receiver = new RtpReceiver(ReceiverSettings.parse("127.0.0.1", 31350, 31359, 1, "127.0.0.1"), events::add,
                Clock.systemUTC());
        receiver.start(threads);
    }

    /** 50 PCMU packets, two sender and two receiver reports among them; paced so no socket buffer overflows. */
    private static void sendAudioWithReportsBetween(int port) throws Exception {
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < PACKETS; i++) {
                if (i % 12 == 5) {
                    sender.send(i % 24 == 5 ? SENDER_REPORT : RECEIVER_REPORT, port);
                }
                sender.send(rtp().payloadType(0).sequence(100 + i).timestamp((long) i * PACKET_SAMPLES).ssrc(0x1234)
                        .payload(new byte[PACKET_SAMPLES]).bytes(), port);
                Thread.sleep(1);
            }
        }
    }

    private StreamStatistics statistics(String id) {
        return receiver.statistics(id).orElseThrow();
    }

    private StreamSpec spec(String id, boolean rtcpMux) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, StreamSpec.NONE, null, folder.resolve(id + ".wav"), rtcpMux);
    }
}
