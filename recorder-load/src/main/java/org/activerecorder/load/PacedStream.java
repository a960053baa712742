package org.activerecorder.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One party's RTP stream as the Media Server sends it: its frames' codec, 20 ms packets, sequence +1 and timestamp
 * + the codec's step ({@link LoadCodec#timestampStep}) each, to the recorder's port, exactly {@code packets} of them,
 * the k-th due at {@code start + k * 20 ms}: from its own UDP socket ({@link RtpSockets#PER_STREAM}), or handed by
 * its pacer thread to that thread's {@link BatchSocket} ({@link RtpSockets#SHARED}). Only its {@link RtpPacer}
 * thread sends or hands packets over; {@link #sent()} may be read by anyone.
 */
public final class PacedStream {

    static final long PERIOD_NANOS = 20_000_000L;
    private static final int HEADER = 12;

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final AudioFrames audio;
    private final long packets;
    private final int ssrc;
    private final Runnable whenDone;
    private final ByteBuffer packet;
    private final byte payloadType;
    private final int timestampStep;
    private long start;
    private volatile long sent;
    private volatile long sendErrors;
    private volatile long maxLateNanos;
    private int sequence;

    /**
     * @param channel  a socket bound to a local port and connected to the recorder's RTP address
     * @param whenDone run (on the pacer's thread: keep it short) once the last packet has been sent
     */
    public PacedStream(DatagramChannel channel, AudioFrames audio, long packets, int ssrc, Runnable whenDone) {
        this(channel, null, audio, packets, ssrc, whenDone);
    }

    /**
     * A stream sent from a pacer thread's shared socket ({@link RtpSockets#SHARED}).
     *
     * @param target   the recorder's RTP address
     * @param whenDone run (on the socket's thread: keep it short) once the last packet has left
     */
    public PacedStream(InetSocketAddress target, AudioFrames audio, long packets, int ssrc, Runnable whenDone) {
        this(null, target, audio, packets, ssrc, whenDone);
    }

    private PacedStream(DatagramChannel channel, InetSocketAddress target, AudioFrames audio, long packets, int ssrc,
                        Runnable whenDone) {
        this.channel = channel;
        this.target = target;
        this.audio = audio;
        this.packets = packets;
        this.ssrc = ssrc;
        this.whenDone = whenDone;
        this.sequence = ssrc & 0x7fff;
        // a shared stream's packets are written into its socket's buffers
        this.packet = channel == null ? null : ByteBuffer.allocateDirect(packetBytes());
        this.payloadType = (byte) audio.codec().payloadType();
        this.timestampStep = audio.codec().timestampStep();
    }

    void startAt(long nanos) {
        start = nanos;
    }

    /** When the next packet is due ({@link System#nanoTime()}). */
    long due() {
        return dueOf(sent);
    }

    /** When packet {@code index} is due ({@link System#nanoTime()}). */
    long dueOf(long index) {
        return start + index * PERIOD_NANOS;
    }

    boolean done() {
        return sent + sendErrors >= packets;
    }

    /** Whether its packets go through a pacer thread's shared socket ({@link #handOver}) rather than its own. */
    boolean shared() {
        return channel == null;
    }

    /** The recorder's RTP address ({@link RtpSockets#SHARED} only). */
    InetSocketAddress target() {
        return target;
    }

    /** The largest packet it sends, in bytes. */
    int packetBytes() {
        return HEADER + audio.longestFrame();
    }

    /** Writes packet {@code index} (header and frame) into {@code into} from its position. */
    void fill(ByteBuffer into, long index) {
        into.put((byte) 0x80).put(payloadType).putShort((short) (sequence + index))
                .putInt((int) (index * timestampStep)).putInt(ssrc).put(audio.frame(index));
    }

    /**
     * Takes the next packet as sent and returns its index, for the shared socket to write ({@link #fill}) and
     * send; that socket runs {@link #finish()} once the last one has left.
     */
    long handOver() {
        return sent++;
    }

    /** Sends the next packet; a socket error is counted (the packet was not sent) and the stream goes on. */
    void sendNext() {
        long index = sent + sendErrors;
        packet.clear();
        fill(packet, index);
        packet.flip();
        try {
            channel.write(packet);
            sent++;
        } catch (IOException e) {
            sendErrors++;
        }
    }

    /**
     * Notes how late a send was: a party whose sender fell behind did not send what the recorder expects. Called by
     * one thread: its pacer's, or its shared socket's, which sends a packet after the pacer has handed it over.
     */
    void late(long nanos) {
        if (nanos > maxLateNanos) {
            maxLateNanos = nanos;
        }
    }

    /** The latest any of its packets was sent after it was due. */
    public long maxLateNanos() {
        return maxLateNanos;
    }

    void finish() {
        whenDone.run();
    }

    /** Packets the socket took. */
    public long sent() {
        return sent;
    }

    /** Packets the socket refused (e.g. ICMP port unreachable: the recorder closed the port). */
    public long sendErrors() {
        return sendErrors;
    }

    public long packets() {
        return packets;
    }
}
