package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Uses ports 31200-31207 of 127.0.0.1: outside the adapter's default range and the ephemeral range. */
class PortAllocatorTest {

    private static final int FIRST = 31200;
    private static final int LAST = 31207;

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final PortAllocator allocator = new PortAllocator(loopback, FIRST, LAST);

    @Test
    void bindsAnEvenRtpPortAndTheOddRtcpPortAboveIt() throws IOException {
        PortPair pair = allocator.allocate();
        try {
            assertEquals(FIRST, pair.rtpPort());
            assertEquals(FIRST, ((InetSocketAddress) pair.rtp().getLocalAddress()).getPort());
            assertEquals(FIRST + 1, ((InetSocketAddress) pair.rtcp().getLocalAddress()).getPort());
            assertFalse(pair.rtp().isBlocking(), "the selector needs non-blocking channels");
            assertThrows(IOException.class, () -> bind(FIRST), "RTP port held");
            assertThrows(IOException.class, () -> bind(FIRST + 1), "RTCP port held");
        } finally {
            pair.close();
        }
    }

    @Test
    void skipsPairsWhoseRtpOrRtcpPortAnotherProgramHolds() throws IOException {
        try (DatagramChannel rtcpOfFirst = bind(FIRST + 1); DatagramChannel rtpOfSecond = bind(FIRST + 2)) {
            PortPair pair = allocator.allocate();
            pair.close();

            assertEquals(FIRST + 4, pair.rtpPort());
            assertEquals(1, allocator.inUseCount());
        }
        // the first pair's RTP port was bound and given back when its RTCP port failed
        bind(FIRST).close();
    }

    @Test
    void rotatesInsteadOfReusingAJustReleasedPair() throws IOException {
        PortPair first = allocator.allocate();
        first.close();
        allocator.release(first.rtpPort());

        PortPair second = allocator.allocate();
        second.close();

        assertEquals(first.rtpPort() + 2, second.rtpPort());
    }

    @Test
    void refusesWhenEveryPairIsTakenAndRecoversOnRelease() throws IOException {
        PortPair[] pairs = new PortPair[4];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = allocator.allocate();
        }
        try {
            IOException refused = assertThrows(IOException.class, allocator::allocate);
            assertEquals(true, refused.getMessage().contains("no free RTP/RTCP port pair"), refused.getMessage());

            pairs[2].close();
            allocator.release(pairs[2].rtpPort());
            PortPair again = allocator.allocate();
            again.close();
            assertEquals(pairs[2].rtpPort(), again.rtpPort());
        } finally {
            for (PortPair pair : pairs) {
                pair.close();
            }
        }
    }

    private DatagramChannel bind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(loopback, port));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
