package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.FreePorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uses four port pairs of 127.0.0.1 free when each test starts ({@link FreePorts}). */
class PortAllocatorTest {

    private final FreePorts.Range ports = FreePorts.pairs(4);
    private final int firstPort = ports.first();
    private final int lastPort = ports.last();

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final PortAllocator allocator = new PortAllocator(loopback, firstPort, lastPort);

    @Test
    void bindsAnEvenRtpPortAndTheOddRtcpPortAboveIt() throws IOException {
        PortPair pair = allocator.allocate();
        try {
            assertEquals(firstPort, pair.rtpPort());
            assertEquals(firstPort, ((InetSocketAddress) pair.rtp().getLocalAddress()).getPort());
            assertEquals(firstPort + 1, ((InetSocketAddress) pair.rtcp().getLocalAddress()).getPort());
            assertFalse(pair.rtp().isBlocking(), "the selector needs non-blocking channels");
            assertThrows(IOException.class, () -> bind(firstPort), "RTP port held");
            assertThrows(IOException.class, () -> bind(firstPort + 1), "RTCP port held");
        } finally {
            pair.close();
        }
    }

    @Test
    void skipsPairsWhoseRtpOrRtcpPortAnotherProgramHolds() throws IOException {
        try (DatagramChannel rtcpOfFirst = bind(firstPort + 1); DatagramChannel rtpOfSecond = bind(firstPort + 2)) {
            PortPair pair = allocator.allocate();
            pair.close();

            assertEquals(firstPort + 4, pair.rtpPort());
            assertEquals(1, allocator.inUseCount());
        }
        // the first pair's RTP port was bound and given back when its RTCP port failed
        bind(firstPort).close();
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

    @Test
    void withRtcpMuxOnlyTheRtpPortIsBoundAndTheOddOneIsNotHandedOn() throws IOException {
        PortPair muxed = allocator.allocate(true);
        try {
            assertEquals(firstPort, muxed.rtpPort());
            assertTrue(muxed.rtcpMuxed());
            bind(firstPort + 1).close(); // free: nobody listens there
            PortPair next = allocator.allocate();
            next.close();
            assertEquals(firstPort + 2, next.rtpPort(), "the muxed stream's pair stays whole");
        } finally {
            muxed.close();
        }
    }

    @Test
    void outOfDescriptorsStopsTheScanAtOnceInsteadOfCallingEveryPortTaken() {
        AtomicInteger opens = new AtomicInteger();
        PortAllocator starved = new PortAllocator(loopback, firstPort, lastPort,
                ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES, family -> {
                    opens.incrementAndGet();
                    throw new SocketException("Too many open files");
                });

        IOException refused = assertThrows(IOException.class, starved::allocate);

        assertInstanceOf(DescriptorsExhausted.class, refused);
        assertEquals(1, opens.get(), "one failed open says it all; the other pairs are not to blame");
        assertTrue(refused.getMessage().contains("out of file descriptors"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ulimit -n"), refused.getMessage());
        assertFalse(refused.getMessage().contains("no free RTP/RTCP port pair"), refused.getMessage());
    }

    @Test
    void outOfDescriptorsForTheRtcpSocketClosesTheRtpOneAndTriesThatPairAgainNextTime() throws IOException {
        List<DatagramChannel> opened = new ArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(0);
        PortAllocator allocator = new PortAllocator(loopback, firstPort, lastPort,
                ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES, family -> {
                    if (failuresLeft.getAndDecrement() == 1) {
                        throw new SocketException("Too many open files in system");
                    }
                    DatagramChannel channel = DatagramChannel.open(family);
                    opened.add(channel);
                    return channel;
                });
        failuresLeft.set(2); // the first open (RTP) works, the second (RTCP) fails

        assertThrows(DescriptorsExhausted.class, allocator::allocate);
        assertEquals(1, opened.size());
        assertFalse(opened.get(0).isOpen(), "the RTP socket of the half-bound pair is closed");
        assertEquals(0, allocator.inUseCount());

        PortPair pair = allocator.allocate();
        pair.close();
        assertEquals(firstPort, pair.rtpPort(), "the pair was never really tried, so it is the next one tried");
    }

    /**
     * Series BG: the threads that open streams waited 10 ms or more for the allocator's lock 33–60 times in 12 s while
     * its holder, preempted on full cores, made and bound sockets. Only the choice of the pair is locked now: an open
     * whose sockets are slow to make holds up no other, and each gets a pair of its own.
     */
    @Test
    void aSlowBindHoldsUpNoOtherOpen() throws Exception {
        CountDownLatch firstOpenEntered = new CountDownLatch(1);
        CountDownLatch firstOpenMayGoOn = new CountDownLatch(1);
        AtomicInteger opens = new AtomicInteger();
        PortAllocator allocator = new PortAllocator(loopback, firstPort, lastPort,
                ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES, family -> {
                    if (opens.getAndIncrement() == 0) {
                        firstOpenEntered.countDown();
                        try {
                            firstOpenMayGoOn.await(); // the first open's socket is slow to come
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException("the test ended");
                        }
                    }
                    return DatagramChannel.open(family);
                });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<PortPair> slow = threads.submit(() -> allocator.allocate());
            assertTrue(firstOpenEntered.await(5, TimeUnit.SECONDS), "the first open is binding");
            Future<PortPair> other = threads.submit(() -> allocator.allocate());
            PortPair second;
            try {
                second = other.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException waited) {
                throw new AssertionError("an open waited for another's bind", waited);
            } finally {
                firstOpenMayGoOn.countDown();
            }
            PortPair first = slow.get(5, TimeUnit.SECONDS);
            first.close();
            second.close();
            assertEquals(firstPort, first.rtpPort(), "the first open reserved the first pair before it bound it");
            assertEquals(firstPort + 2, second.rtpPort(), "the second open took the next pair, not the one reserved");
            assertEquals(2, allocator.inUseCount());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everyRtpSocketGetsTheReceiveBufferAskedFor() throws IOException {
        int asked = 96 * 1024; // below any kernel's usual net.core.rmem_max (212992)
        PortAllocator allocator = new PortAllocator(loopback, firstPort, lastPort, asked, DatagramChannel::open);
        PortPair pair = allocator.allocate();
        try {
            assertEquals(asked, pair.rtp().getOption(StandardSocketOptions.SO_RCVBUF));
            assertEquals(asked, allocator.grantedReceiveBuffer());
        } finally {
            pair.close();
        }
    }

    @Test
    void aReceiveBufferTheKernelCapsIsLoggedOnceWithWhatItGave() throws IOException {
        int asked = 1 << 30; // a GiB: past any net.core.rmem_max a host would set
        PortAllocator allocator = new PortAllocator(loopback, firstPort, lastPort, asked, DatagramChannel::open);
        List<LogRecord> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(PortAllocator.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = log.getLevel();
        boolean useParent = log.getUseParentHandlers();
        log.setLevel(Level.WARNING); // the tests' logging.properties turns logging off
        log.setUseParentHandlers(false);
        log.addHandler(capture);
        try {
            PortPair first = allocator.allocate();
            PortPair second = allocator.allocate();
            first.close();
            second.close();
        } finally {
            log.removeHandler(capture);
            log.setLevel(level);
            log.setUseParentHandlers(useParent);
        }

        int granted = allocator.grantedReceiveBuffer();
        assertTrue(granted > 0 && granted < asked, "granted " + granted);
        assertEquals(1, warnings.size(), "logged once, not per socket");
        assertEquals(Level.WARNING, warnings.get(0).getLevel());
        assertTrue(warnings.get(0).getMessage().contains(Integer.toString(granted)), warnings.get(0).getMessage());
        assertTrue(warnings.get(0).getMessage().contains("net.core.rmem_max"), warnings.get(0).getMessage());
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
