package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.pipeline.SourceRelatch.Decision;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceRelatchTest {

    private final InetSocketAddress first = new InetSocketAddress("127.0.0.1", 40_000);
    private final InetSocketAddress moved = new InetSocketAddress("127.0.0.1", 40_002);
    private final SourceLatch latch = new SourceLatch();
    private final SourceRelatch relatch = new SourceRelatch(latch, null);

    @Test
    void theFirstPacketLatches() {
        assertEquals(Decision.CURRENT, relatch.decide(first, datagram(0), 1));
        assertEquals(first, latch.source());
    }

    @Test
    void moveAfterThreePacketsInARowWithTheFirstTwoHeldInOrder() {
        relatch.decide(first, datagram(0), 1);

        assertEquals(Decision.HELD, relatch.decide(moved, datagram(1), 2));
        assertEquals(Decision.HELD, relatch.decide(moved, datagram(2), 3));
        assertEquals(Decision.MOVED, relatch.decide(moved, datagram(3), 4));

        assertEquals(moved, latch.source());
        assertEquals(2, relatch.held());
        assertEquals(1, relatch.heldDatagram(0).get(0));
        assertEquals(2, relatch.heldArrivalNanos(0));
        assertEquals(2, relatch.heldDatagram(1).get(0));
        assertEquals(1, relatch.moves());
        relatch.release();
        assertEquals(Decision.CURRENT, relatch.decide(moved, datagram(4), 5));
        assertEquals(0, relatch.forgotten());
    }

    @Test
    void anAddressTheSignallingNamesLaterIsFollowedAtItsFirstPacket() {
        relatch.decide(first, datagram(0), 1);
        InetSocketAddress stray = new InetSocketAddress("127.0.0.1", 40_100);
        assertEquals(Decision.HELD, relatch.decide(stray, datagram(1), 2), "before: a candidate like any other");

        relatch.expect(moved); // a re-INVITE or UPDATE names the new address
        assertEquals(Decision.MOVED, relatch.decide(moved, datagram(2), 3), "at once, nothing held");
        assertEquals(moved, latch.source());
        assertEquals(0, relatch.held());
        assertEquals(1, relatch.forgotten(), "the stray's held packet counts as foreign");
        assertEquals(Decision.CURRENT, relatch.decide(moved, datagram(3), 4));
        assertEquals(Decision.HELD, relatch.decide(first, datagram(4), 5),
                "the old address is a candidate now, and must win three in a row to take the stream back");
    }

    @Test
    void theHeldCopyIsIndependentOfTheReceiveBuffer() {
        relatch.decide(first, datagram(0), 1);
        ByteBuffer reused = datagram(7);
        relatch.decide(moved, reused, 2);
        reused.put(0, (byte) 99);

        relatch.decide(moved, datagram(8), 3);
        relatch.decide(moved, datagram(9), 4);

        assertEquals(7, relatch.heldDatagram(0).get(0));
    }

    @Test
    void theCurrentSourceSendingInBetweenForgetsTheCandidate() {
        relatch.decide(first, datagram(0), 1);
        relatch.decide(moved, datagram(1), 2);
        relatch.decide(moved, datagram(2), 3);

        assertEquals(Decision.CURRENT, relatch.decide(first, datagram(3), 4));
        assertEquals(2, relatch.forgotten());
        assertEquals(Decision.HELD, relatch.decide(moved, datagram(4), 5));
    }

    @Test
    void theExpectedAddressIsFollowedAtOnce() {
        SourceRelatch preferring = new SourceRelatch(latch, moved);
        preferring.decide(first, datagram(0), 1);

        assertEquals(Decision.MOVED, preferring.decide(moved, datagram(1), 2));
        assertEquals(0, preferring.held());
        assertEquals(moved, latch.source());
    }

    private static ByteBuffer datagram(int marker) {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        buffer.put(0, (byte) marker).position(0).limit(172);
        return buffer;
    }
}
