package org.activerecorder.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One UDP socket that sends the packets of many streams, a pacer tick's worth at a time, with one
 * {@code sendmmsg(2)} per tick through Netty's native epoll transport ({@link RtpSockets#SHARED}). Written by hand
 * only as far as handing Netty the packets: the JDK has no batched send (one system call per datagram), and
 * series BA measured 2,000 streams at 50 packets a second cost a Java sender 0.62-0.98 cores that way (a socket per
 * stream or one for all) against 0.29-0.32 through Netty's {@code sendmmsg} and 0.21-0.28 for the anchors' C
 * sender. Only the socket's own event-loop thread writes to it: a pacing thread hands it each tick's packets as one
 * {@link Batch}, and a stream's end is reported after its last packet has left.
 */
final class BatchSocket implements AutoCloseable {

    private final EventLoopGroup loop;
    private final Channel channel;
    private final AtomicLong failed = new AtomicLong();
    /** Written by the socket's thread alone. */
    private volatile long maxLateNanos;
    private volatile long lateSends;
    private volatile long written;
    /** Streams whose first packet it has written; by its thread alone. */
    private volatile long firstsWritten;

    /** Binds a socket to {@code local} (an ephemeral port) in that address's family. */
    BatchSocket(InetAddress local, String threadName) throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("--rtp-sockets shared needs Netty's native epoll transport (Linux, x86_64): "
                    + Epoll.unavailabilityCause());
        }
        loop = new EpollEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        try {
            InternetProtocolFamily family = local instanceof Inet6Address
                    ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
            channel = new Bootstrap().group(loop).channelFactory(() -> new EpollDatagramChannel(family))
                    .option(ChannelOption.SO_SNDBUF, 4 << 20)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                            // a packet the socket refused (sent with the void promise): counted, the run goes on
                            failed.incrementAndGet();
                        }
                    })
                    .bind(new InetSocketAddress(local, 0)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("interrupted while binding", e);
        } catch (RuntimeException e) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot bind a UDP socket to " + local, e);
        }
    }

    /** The port every stream of this socket sends from (and offers). */
    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The latest a packet was written after it was due. */
    long maxLateNanos() {
        return maxLateNanos;
    }

    /** Packets written more than {@link RtpPacer#LATE_NANOS} after they were due. */
    long lateSends() {
        return lateSends;
    }

    /** Packets written to the socket so far (refused ones too: {@link #failed}). */
    long written() {
        return written;
    }

    /** Streams whose first packet it has written (refused ones too). */
    long firstsWritten() {
        return firstsWritten;
    }

    /** Packets the socket refused: not sent, so the recorder must not have them. */
    long failed() {
        return failed.get();
    }

    /** Sends the batch's packets in one flush, then reports the streams it ended; returns at once. */
    void send(Batch batch) {
        channel.eventLoop().execute(() -> write(batch));
    }

    private void write(Batch batch) {
        long now = System.nanoTime();
        long worst = maxLateNanos;
        long lateOnes = 0;
        long firsts = 0;
        for (int i = 0; i < batch.size; i++) {
            PacedStream stream = batch.streams[i];
            long late = now - stream.dueOf(batch.indexes[i]);
            if (late > RtpPacer.LATE_NANOS) {
                lateOnes++;
            }
            worst = Math.max(worst, late);
            stream.late(late);
            if (batch.indexes[i] == 0) {
                firsts++;
            }
            ByteBuf packet = channel.alloc().directBuffer(stream.packetBytes());
            ByteBuffer view = packet.nioBuffer(0, packet.capacity());
            stream.fill(view, batch.indexes[i]);
            packet.writerIndex(view.position());
            DatagramPacket datagram = new DatagramPacket(packet, stream.target());
            if (batch.indexes[i] == stream.packets() - 1) {
                // the end is reported when the last packet has left, even if this flush could not send it all
                channel.write(datagram).addListener(written -> {
                    if (!written.isSuccess()) {
                        failed.incrementAndGet();
                    }
                    stream.finish();
                });
            } else {
                channel.write(datagram, channel.voidPromise());
            }
        }
        channel.flush();
        maxLateNanos = worst;
        lateSends += lateOnes;
        written += batch.size;
        firstsWritten += firsts;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** One tick's packets of one pacing thread: which stream, which of its packets. */
    static final class Batch {
        private PacedStream[] streams = new PacedStream[64];
        private long[] indexes = new long[64];
        private int size;

        void add(PacedStream stream, long index) {
            if (size == streams.length) {
                streams = Arrays.copyOf(streams, size * 2);
                indexes = Arrays.copyOf(indexes, size * 2);
            }
            streams[size] = stream;
            indexes[size] = index;
            size++;
        }
    }
}
