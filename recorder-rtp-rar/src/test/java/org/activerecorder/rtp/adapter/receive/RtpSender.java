package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/** A test sender on an ephemeral port of 127.0.0.1. Sends are paced a little so the receive buffer never overflows. */
final class RtpSender implements AutoCloseable {

    private final DatagramChannel channel;

    RtpSender() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(byte[] datagram, int port) {
        try {
            channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LockSupport.parkNanos(50_000);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
