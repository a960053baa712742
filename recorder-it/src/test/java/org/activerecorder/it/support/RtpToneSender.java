package org.activerecorder.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a mu-law payload as RTP (PT 0, 160 samples every 20 ms, paced in real time) from the socket
 * whose port the SDP offer announced, as a Media Server does.
 */
public final class RtpToneSender implements AutoCloseable {
    private static final int SAMPLES_PER_PACKET = 160;

    private final DatagramSocket socket;

    public RtpToneSender() throws IOException {
        this.socket = bindEvenPort();
    }

    /** The local port, announced in the SDP offer's m= line. */
    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Sends {@code payload} to {@code target}, paced at one packet per 20 ms; returns when the last packet
     * is sent.
     *
     * @return when the first packet was sent
     * @throws UncheckedIOException if a datagram cannot be sent (so it can run in a CompletableFuture)
     */
    public Instant send(byte[] payload, InetSocketAddress target) {
        int ssrc = ThreadLocalRandom.current().nextInt();
        int sequence = ThreadLocalRandom.current().nextInt(0, 65536);
        long timestamp = ThreadLocalRandom.current().nextLong(0, 1L << 32);
        byte[] packet = new byte[12 + SAMPLES_PER_PACKET];
        ByteBuffer header = ByteBuffer.wrap(packet);
        Instant first = null;
        long start = System.nanoTime();
        int packets = payload.length / SAMPLES_PER_PACKET;
        for (int i = 0; i < packets; i++) {
            long due = start + i * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            header.clear();
            header.put((byte) 0x80).put((byte) (i == 0 ? 0x80 : 0x00))
                    .putShort((short) (sequence + i))
                    .putInt((int) (timestamp + (long) i * SAMPLES_PER_PACKET))
                    .putInt(ssrc);
            System.arraycopy(payload, i * SAMPLES_PER_PACKET, packet, 12, SAMPLES_PER_PACKET);
            try {
                socket.send(new DatagramPacket(packet, packet.length, target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (first == null) {
                first = Instant.now();
            }
        }
        return first;
    }

    @Override
    public void close() {
        socket.close();
    }

    private static DatagramSocket bindEvenPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 2 * ThreadLocalRandom.current().nextInt(15000, 16000);
            try {
                return new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            } catch (java.net.BindException inUse) {
                // try another
            }
        }
        throw new IOException("no free even UDP port between 30000 and 32000 on 127.0.0.1");
    }
}
