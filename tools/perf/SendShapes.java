import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Series BA's experiment (docs/performance.md): what a Java sender's socket shape costs it, and the receiver it
 * sends to. Paces n streams of 172-byte PCMU-sized packets at 50 a second to 127.0.0.1:base+2i on a 1 ms tick, every
 * packet due at a tick sent in it, as the anchors' rtpblast and recorder-load's pacer do, in one of four shapes:
 *   v6conn  a connected socket per stream, DatagramChannel.open() (IPv6 dual-stack), write() per packet:
 *           recorder-load's per-stream sockets
 *   v4conn  the same with IPv4 sockets
 *   v4one   one IPv4 socket for every stream, send() per packet
 *   netty   one IPv4 socket through Netty's native epoll transport, each tick's packets in one flush (sendmmsg):
 *           recorder-load --rtp-sockets shared
 * Run by tools/perf/send-shapes.sh beside the anchors' receivers.
 *
 *   java -cp <netty jars> tools/perf/SendShapes.java MODE N BASE SECONDS
 */
public class SendShapes {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        int base = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        InetSocketAddress[] targets = new InetSocketAddress[n];
        for (int i = 0; i < n; i++) {
            targets[i] = new InetSocketAddress("127.0.0.1", base + 2 * i);
        }
        DatagramChannel[] own = new DatagramChannel[n];
        DatagramChannel one = null;
        Channel netty = null;
        EpollEventLoopGroup loop = null;
        switch (mode) {
            case "v6conn", "v4conn" -> {
                for (int i = 0; i < n; i++) {
                    own[i] = mode.equals("v6conn") ? DatagramChannel.open()
                            : DatagramChannel.open(StandardProtocolFamily.INET);
                    own[i].bind(new InetSocketAddress("127.0.0.1", 0));
                    own[i].connect(targets[i]);
                }
            }
            case "v4one" -> {
                one = DatagramChannel.open(StandardProtocolFamily.INET);
                one.bind(new InetSocketAddress("127.0.0.1", 0));
                one.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
            }
            case "netty" -> {
                loop = new EpollEventLoopGroup(1);
                netty = new Bootstrap().group(loop)
                        .channelFactory(() -> new EpollDatagramChannel(InternetProtocolFamily.IPv4))
                        .option(ChannelOption.SO_SNDBUF, 4 << 20).handler(new ChannelInboundHandlerAdapter())
                        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            }
            default -> throw new IllegalArgumentException("mode: v6conn, v4conn, v4one or netty");
        }
        byte[] payload = new byte[160];
        int[] sequence = new int[n];
        ByteBuffer packet = ByteBuffer.allocateDirect(172);
        long rate = n * 50L;
        long total = (long) (rate * seconds);
        long sent = 0;
        long start = System.nanoTime();
        long tick = start;
        while (sent < total) {
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
            if (netty != null) {
                Channel channel = netty;
                long from = sent;
                channel.eventLoop().execute(() -> {
                    for (long g = from; g < due; g++) {
                        int i = (int) (g % n);
                        ByteBuf buf = channel.alloc().directBuffer(172);
                        buf.writeByte(0x80).writeByte(0).writeShort(sequence[i]).writeInt(sequence[i] * 160)
                                .writeInt(i).writeBytes(payload);
                        sequence[i]++;
                        channel.write(new DatagramPacket(buf, targets[i]), channel.voidPromise());
                    }
                    channel.flush();
                });
                sent = due;
            } else {
                for (; sent < due; sent++) {
                    int i = (int) (sent % n);
                    packet.clear();
                    packet.put((byte) 0x80).put((byte) 0).putShort((short) sequence[i]).putInt(sequence[i] * 160)
                            .putInt(i).put(payload).flip();
                    sequence[i]++;
                    if (one != null) {
                        one.send(packet, targets[i]);
                    } else {
                        own[i].write(packet);
                    }
                }
            }
            tick += 1_000_000L;
            long sleep = tick - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
        }
        if (loop != null) {
            Thread.sleep(200);
            loop.shutdownGracefully().sync();
        }
        System.out.println("SENDER mode=" + mode + " sent=" + sent);
    }
}
