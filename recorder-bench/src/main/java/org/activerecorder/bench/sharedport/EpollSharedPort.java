package org.activerecorder.bench.sharedport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Variant "one shared socket, Netty native epoll with recvmmsg": an {@link EpollDatagramChannel} on one event loop
 * thread. Netty 4.1 has no "datagrams per read" option: it reads with {@code recvmmsg} when
 * {@link EpollChannelOption#MAX_DATAGRAM_PAYLOAD_SIZE} is set and the receive buffer it allocates holds several
 * datagrams of that size ({@code batch} of them here, as the C floor's 64). Each datagram reaches the handler as a
 * {@link DatagramPacket} (Netty allocates that, its sender address and a slice per datagram: this variant is not
 * allocation-free); the same demultiplexer and payload files as the NIO variant take it from there.
 */
final class EpollSharedPort {

    private static final int DATAGRAM = 2048;

    private EpollSharedPort() {
    }

    /** Receives into {@code streams} until no packet came for {@code idle} seconds; returns the report line. */
    static String run(PayloadStreams streams, int port, int requestedReceiveBuffer, int batch, double idleSeconds,
                      double maxSeconds) throws Exception {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Netty's native epoll transport cannot load here",
                    Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new EpollEventLoopGroup(1);
        try {
            Reader reader = new Reader(streams);
            Channel channel = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, requestedReceiveBuffer)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DATAGRAM * batch))
                    .handler(reader)
                    .bind("127.0.0.1", port).sync().channel();
            int receiveBuffer = channel.config().getOption(ChannelOption.SO_RCVBUF);
            long start = System.nanoTime();
            channel.eventLoop().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                boolean idle = reader.clock.started() && (now - reader.clock.lastNanos()) / 1e9 > idleSeconds;
                if (idle || (now - start) / 1e9 > maxSeconds) {
                    channel.close();
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            System.err.println("SharedPortReceiver: ready, epoll on one socket, SO_RCVBUF " + receiveBuffer
                    + ", recvmmsg up to " + batch);
            channel.closeFuture().sync();
            return channel.eventLoop().submit(() -> reader.clock.report("SharedEpoll", streams.finish(),
                    String.format("so_rcvbuf=%d reads=%d packets_per_read=%.2f", receiveBuffer, reader.reads,
                            reader.reads == 0 ? 0 : (double) reader.packets / reader.reads))).get();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** The channel's handler, on the event loop thread: demultiplexes and writes each datagram's payload. */
    private static final class Reader extends SimpleChannelInboundHandler<DatagramPacket> {

        final ReceiveClock clock = new ReceiveClock();
        private final PayloadStreams streams;
        long packets;
        long reads;

        Reader(PayloadStreams streams) {
            this.streams = streams;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws Exception {
            clock.packet(System.nanoTime());
            packets++;
            ByteBuf content = packet.content();
            int start = content.readerIndex();
            int length = content.readableBytes();
            PayloadFile file = streams.fileOf(content.getByte(start), content.getInt(start + 8), length);
            if (file == null) {
                return;
            }
            file.count(content.getUnsignedShort(start + 2), length);
            ByteBuffer room = file.room(length - SsrcDemux.HEADER);
            int limit = room.limit();
            room.limit(room.position() + length - SsrcDemux.HEADER);
            content.getBytes(start + SsrcDemux.HEADER, room);
            room.limit(limit);
        }

        /** One per read burst (one epoll wake-up's reads): packets / reads is the batch the transport achieved. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            reads++;
        }
    }
}
