package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RTCP multiplexed on the RTP port (RFC 5761), over real sockets on 127.0.0.1 (a free range of port pairs: see
 * {@link ReceiverFixture}).
 */
class RtcpMuxStreamTest {

    private static final int PACKETS = 50;
    private static final int PACKET_SAMPLES = 160;
    /** An RTCP receiver report without report blocks: V=2, RC=0, PT=201, length 1, SSRC. */
    private static final byte[] RECEIVER_REPORT = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x12, 0x34};
    /** A sender report's first bytes: V=2, RC=0, PT=200, length 6, SSRC, NTP and RTP timestamps, counts. */
    private static final byte[] SENDER_REPORT = {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0x12, 0x34,
            1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x1F, 0x40, 0, 0, 0, 50, 0, 0, 0x1F, 0x40};

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(5);

    private RtpReceiver receiver;

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
        receiver = fixture.start(1);
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
        return new StreamSpec(id, AudioCodec.PCMU, 0, StreamSpec.NONE, null, fixture.folder().resolve(id + ".wav"),
                rtcpMux);
    }
}
