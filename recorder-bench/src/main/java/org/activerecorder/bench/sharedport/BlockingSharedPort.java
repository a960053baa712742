package org.activerecorder.bench.sharedport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Variant "one shared socket, plain NIO": one {@link DatagramChannel} bound to one port, in blocking mode, read by
 * one thread with one {@code receive()} per datagram into one direct buffer: no Selector, no per-stream socket, no
 * receive that comes back empty. The end of the run is found by a watchdog thread (no packet for {@code idle}
 * seconds, or {@code max} seconds in all), which closes the channel and so ends the blocked receive.
 */
final class BlockingSharedPort {

    private final DatagramChannel channel;
    private final int receiveBuffer;

    BlockingSharedPort(int port, int requestedReceiveBuffer) throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, requestedReceiveBuffer);
        channel.bind(new InetSocketAddress("127.0.0.1", port));
        receiveBuffer = channel.getOption(StandardSocketOptions.SO_RCVBUF);
    }

    /** Receives into {@code consumer} until the watchdog closes the channel; returns the report line. */
    String run(String variant, DatagramConsumer consumer, double idleSeconds, double maxSeconds) throws IOException {
        // written once per packet with a release store (a plain store on x86), read by the watchdog
        AtomicLong progress = new AtomicLong();
        Thread watchdog = new Thread(() -> watch(progress, idleSeconds, maxSeconds), "shared-port-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.err.println("SharedPortReceiver: ready, " + variant + " on one socket, SO_RCVBUF " + receiveBuffer);
        ReceiveClock clock = new ReceiveClock();
        ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        long packets = 0;
        try {
            while (true) {
                datagram.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(datagram);
                long now = System.nanoTime();
                clock.packet(now);
                datagram.flip();
                consumer.accept(datagram, from, now);
                progress.lazySet(++packets);
            }
        } catch (ClosedChannelException end) {
            // the watchdog closed the channel: the run is over
        }
        return clock.report(variant, consumer.finish(), "so_rcvbuf=" + receiveBuffer);
    }

    private void watch(AtomicLong progress, double idleSeconds, double maxSeconds) {
        long start = System.nanoTime();
        long seen = 0;
        long changed = start;
        try {
            while (true) {
                Thread.sleep(100);
                long now = System.nanoTime();
                long packets = progress.get();
                if (packets != seen) {
                    seen = packets;
                    changed = now;
                }
                boolean idle = seen > 0 && (now - changed) / 1e9 > idleSeconds;
                if (idle || (now - start) / 1e9 > maxSeconds) {
                    channel.close();
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }
}
