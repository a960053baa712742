package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many streams share a port with the receive buffer the kernel grants ({@code net.core.rmem_max}): as many as the
 * buffer holds two seconds of, at most the configured number (docs/port-groups.md, Settings).
 */
class GroupCapacityTest {

    @Test
    void aBufferOfFourMebibytesTakesThe32ConfiguredAndAStockKernelsFive() {
        assertEquals(32, RtpReceiver.groupCapacity(32, 4 * 1024 * 1024), "rmem_max 4 MiB: 100 streams' two seconds");
        assertEquals(5, RtpReceiver.groupCapacity(32, 212_992), "a stock kernel's rmem_max: 5 streams' two seconds");
    }

    @Test
    void aBufferThatHoldsLessThanTwoStreamsTwoSecondsSharesNothing() {
        assertEquals(1, RtpReceiver.groupCapacity(32, 83_199), "83,200 bytes hold two streams' two seconds");
        assertEquals(2, RtpReceiver.groupCapacity(32, 83_200));
        assertEquals(1, RtpReceiver.groupCapacity(32, 4096));
        assertEquals(1, RtpReceiver.groupCapacity(1, 4 * 1024 * 1024), "1 configured: a port per stream");
    }

    /** What the capacity is computed from: the JDK reports the size granted, not the doubled size Linux keeps. */
    @Test
    void theJdkReportsTheSizeAskedNotTwiceIt() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 65_536);
            int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            assertTrue(granted <= 65_536, granted + " reported for 65,536 asked");
        }
    }
}
