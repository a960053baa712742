package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.DropShares;
import org.activerecorder.rtp.adapter.pipeline.SocketDrops;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * An RTP port shared by a group of streams (docs/port-groups.md): its bound channels, the streams that joined it and
 * which of them each datagram belongs to ({@link GroupDemux}).
 *
 * <p>Two sides, two threads. Which group a new stream joins is decided on the opening caller's thread, because the
 * port must be known before the SDP answer: {@link #reserve} takes a place under the group's lock, and refuses when
 * the group is full, closed, or already has a stream not yet latched that awaits the same address (rule 1: a datagram
 * from a new source must be able to latch at most one stream, so that no SSRC has to be announced). Everything else
 * (the demultiplexer, the channels' keys, the counters) belongs to the receive loop that serves the group. The
 * reservations are what the caller sees of the members, kept at least as strict as the demultiplexer's own rule: a
 * place is taken before the stream reaches the loop, and given back only at its end; an address awaited is released
 * once the loop has seen the stream latch.
 *
 * <p>A group whose last place is given back is closed under the lock, so that no reservation can race its end: the
 * loop then closes its channels and releases its port once the selector has let go of them, as a stream's.
 */
final class PortGroup {

    private static final Logger LOG = Logger.getLogger(PortGroup.class.getName());

    /** Sources whose foreign datagrams are logged, at most, per group: a flood logs a few lines, and is counted. */
    private static final int FOREIGN_SOURCES_LOGGED = 8;
    /**
     * Returns to an earlier SSRC on one source ({@link GroupDemux#ssrcReturns}) after which the group warns that a
     * sender seems to send several streams from one port.
     */
    static final long SSRC_RETURNS_WARNED_AT = 10;
    /** The least the kernel books for one datagram in a socket's buffer (a small one's allocation, with overhead). */
    private static final int LEAST_BOOKED_BYTES = 256;

    private final PortPair ports;
    private final PortAllocator allocator;
    private final int capacity;
    private final ReceiveLoop loop;
    private final int queuedAtMost;

    // the caller's side, under this object's lock
    private int places;
    private final List<InetAddress> awaited = new ArrayList<>();
    private boolean closed;

    // the loop's side
    private final GroupDemux<RtpStream> demux;
    private SelectionKey key;
    private final ReadyRounds ready = new ReadyRounds();
    private long rtcpPackets;
    private long rtcpUnattributed;
    private final Set<InetSocketAddress> foreignLogged = new HashSet<>();
    /**
     * Streams opened in the group whose registration the loop has not run yet. The SDP answer naming the port goes
     * out once the registration is queued, so a sender may start before the loop gets to it; a datagram from a new
     * source first looks here, and is not taken for foreign while its stream waits in the queue.
     */
    private final Queue<RtpStream> joining = new ConcurrentLinkedQueue<>();
    private boolean channelsClosed;
    private boolean sharedSourceWarned;
    /** The budget the streams' records take the group socket's kernel drops from (rule 5). */
    private final DropShares dropShares = new DropShares();
    /** The group socket's kernel drop count. */
    private final SocketDrops socketDrops;
    /** That count as each stream of the group sees it, with the group's budget ({@link #memberDrops}). */
    private final SocketDrops memberDrops;
    /** The receive buffer the kernel granted the group's RTP socket (as it reports it), or -1 if unknown. */
    private final int receiveBufferBytes;

    /**
     * @param ports      the group's bound channels (its RTCP channel {@code null} when the group's streams multiplex
     *                   RTCP on the RTP port)
     * @param allocator  where its port pair came from, and goes back to
     * @param capacity   streams it takes at most ({@code recorder.rtp.streams-per-port})
     * @param loop       the receive loop that serves it
     * @param peers      the addresses a stream may latch to
     * @param socketDrops the kernel's drop count of its RTP socket, read since it was bound
     */
    PortGroup(PortPair ports, PortAllocator allocator, int capacity, ReceiveLoop loop, AllowedPeers peers,
              SocketDrops socketDrops) {
        this.ports = ports;
        this.allocator = allocator;
        this.capacity = capacity;
        this.loop = loop;
        this.socketDrops = socketDrops;
        this.memberDrops = memberView(socketDrops, dropShares);
        this.demux = new GroupDemux<>(peers::allows, this::admitJoining);
        this.receiveBufferBytes = grantedBuffer(ports);
        this.queuedAtMost = queuedAtMost(receiveBufferBytes);
    }

    private static int grantedBuffer(PortPair ports) {
        try {
            return ports.rtp().getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The most datagrams the group's socket can hold, over-estimated: its receive buffer as the kernel books it, at
     * {@value #LEAST_BOOKED_BYTES} bytes a datagram at least; never fewer than a stream's own socket's
     * ({@code ReceiveLoop.QUEUED_AT_CLOSE}).
     */
    private static int queuedAtMost(int granted) {
        if (granted < 0) {
            return ReceiveLoop.QUEUED_AT_CLOSE;
        }
        // the kernel queues up to twice the size granted (the JDK reports the size asked, capped at rmem_max) and
        // charges each datagram its whole allocation, 832 bytes for G.711 on loopback here (RtpReceiver): 2 x
        // granted / 832 fit, which granted / 256 over-estimates; datagrams booked at under 512 bytes would be
        // under-counted, and a read that stops short of the queue's end only leaves the rest to the next one
        return (int) Math.max(ReceiveLoop.QUEUED_AT_CLOSE, Math.min(1 << 20, (long) granted / LEAST_BOOKED_BYTES));
    }

    /** The receive buffer the kernel granted the group's RTP socket, as it reports it; -1 if it could not be read. */
    int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /**
     * The most datagrams a close (or a late reading) reads from the group's socket: more than it can hold, so that
     * what a closing stream was sent before its end, queued behind the other streams' datagrams, is read and never
     * comes after its end. A group's socket holds many times a stream's socket: capped at a stream's 4,096, a close
     * behind a backlog left the closing stream's last datagrams queued (series BE).
     */
    int queuedAtMost() {
        return queuedAtMost;
    }

    /**
     * Whether a stream of {@code codec} may share a port: only one decoded on its receive loop (G.711, L16). A stream
     * decoded off the loop (G.722, Opus) may have its socket left unread while its decoding catches up
     * ({@code ReceiveLoop.hold}), which a socket other streams share cannot be.
     */
    static boolean joinable(AudioCodec codec) {
        return switch (codec) {
            case PCMU, PCMA, L16_8000, L16_16000 -> true;
            case G722, OPUS -> false;
        };
    }

    /** The address a stream awaits its first datagram from: its SDP's, or {@code null} (any) when none was named. */
    static InetAddress peerOf(StreamSpec spec) {
        InetSocketAddress expected = spec.expectedSource();
        return expected == null ? null : expected.getAddress();
    }

    PortPair ports() {
        return ports;
    }

    int rtpPort() {
        return ports.rtpPort();
    }

    ReceiveLoop loop() {
        return loop;
    }

    boolean rtcpMuxed() {
        return ports.rtcpMuxed();
    }

    /**
     * Takes a place for a stream awaiting {@code peer} ({@code null}: any address), unless the group is closed, full,
     * or a stream not yet latched awaits the same address (or either names none). The caller's thread.
     */
    synchronized boolean reserve(InetAddress peer) {
        if (closed || places >= capacity) {
            return false;
        }
        for (InetAddress other : awaited) {
            if (GroupDemux.awaitSame(other, peer)) {
                return false;
            }
        }
        places++;
        awaited.add(peer);
        return true;
    }

    /** The stream that awaited {@code peer} has latched: another stream from that address may join now. */
    synchronized void latched(InetAddress peer) {
        awaited.remove(peer);
    }

    /**
     * Gives a place back: its stream ended (or never reached the loop); {@code awaiting} if it had not latched.
     *
     * @return whether that was the last place: the group is closed now, and its channels must be closed
     */
    synchronized boolean leave(InetAddress peer, boolean awaiting) {
        if (awaiting) {
            awaited.remove(peer);
        }
        places--;
        if (places <= 0) {
            closed = true;
        }
        return closed;
    }

    /** Places taken now (the caller's view: streams opening, open, or ending). */
    synchronized int places() {
        return places;
    }

    synchronized boolean closed() {
        return closed;
    }

    /**
     * Adds {@code stream} to the demultiplexer, awaiting its SDP's address, and its SDP's source exactly (the loop's
     * thread).
     *
     * @throws IllegalStateException if the demultiplexer does not admit it (the places should have kept it out)
     */
    void addMember(RtpStream stream) {
        demux.add(stream, peerOf(stream.firstSpec()), stream.firstSpec().expectedSource());
    }

    /** {@code stream} is about to be handed to the loop (any thread). */
    void joining(RtpStream stream) {
        joining.add(stream);
    }

    /** {@code stream} was refused by its loop, which is ending (any thread). */
    void withdraw(RtpStream stream) {
        joining.remove(stream);
    }

    // --- the loop's side ---

    /**
     * Adds the streams that joined but are not members of the demultiplexer yet (the loop's thread).
     *
     * @return whether there were any
     */
    boolean admitJoining() {
        boolean any = false;
        RtpStream stream;
        while ((stream = joining.poll()) != null) {
            if (!demux.contains(stream)) {
                try {
                    addMember(stream);
                    any = true;
                } catch (IllegalStateException e) {
                    // the reservations let no such stream in: a bug; its registration fails and closes it alone
                    LOG.severe(this + ": stream " + stream.id() + " cannot join: " + e.getMessage());
                }
            }
        }
        return any;
    }

    GroupDemux<RtpStream> demux() {
        return demux;
    }

    /** The group's RTP key in the loop's selector, once registered; {@code null} before. */
    SelectionKey key() {
        return key;
    }

    void registered(SelectionKey rtpKey) {
        this.key = rtpKey;
    }

    /** The loop's round in which the group's RTP socket was last found ready (or the group registered). */
    long readyRound() {
        return ready.last();
    }

    /** Notes the socket ready in {@code round}; whether it was in the round before too (datagrams are waiting). */
    boolean readyAgain(long round) {
        return ready.readyAgain(round);
    }

    /**
     * The stream a datagram from {@code source} belongs to ({@link GroupDemux#route}), or {@code null}: counted on the
     * group as foreign, and its source logged (the first few sources of a group).
     */
    RtpStream route(InetSocketAddress source, ByteBuffer datagram) {
        int ssrc = datagram.remaining() >= 12 ? datagram.getInt(datagram.position() + 8) : 0;
        RtpStream stream = demux.route(source, ssrc);
        if (demux.ssrcReturns() == SSRC_RETURNS_WARNED_AT && !sharedSourceWarned) {
            sharedSourceWarned = true;
            LOG.warning(() -> "RTP port " + rtpPort() + ": " + source + " keeps going back to earlier SSRCs, as a"
                    + " sender does that sends several streams from one port that their SDP did not name. A shared"
                    + " port tells such streams apart only by the source their SDP named, so their audio goes to one"
                    + " stream (SSRC changes in its counters): set recorder.rtp.streams-per-port to 1 for this Media"
                    + " Server. Logged once per port.");
        }
        if (stream == null && demux.lastRoute() != GroupDemux.Route.FORMER && !demux.isFormer(source)
                && foreignLogged.size() < FOREIGN_SOURCES_LOGGED && foreignLogged.add(source)) {
            LOG.warning(() -> "RTP port " + rtpPort() + " (shared by " + demux.size() + " streams): a datagram from "
                    + source + " belongs to none of them (no stream is latched to that source, none awaits its"
                    + " address, and its SSRC " + Integer.toUnsignedString(ssrc) + " names no single stream);"
                    + " dropped, and counted as foreign. Logged once per source, for the first "
                    + FOREIGN_SOURCES_LOGGED + " sources.");
        }
        return stream;
    }

    /**
     * After {@code stream} took a datagram that did not come from its latched source: the demultiplexer follows
     * where the stream's pipeline is latched now (its {@code SourceRelatch} may have moved it), and the reservations
     * learn that it latched.
     */
    void followLatch(RtpStream stream) {
        InetSocketAddress now = stream.source();
        if (now != null && !now.equals(demux.sourceOf(stream))) {
            try {
                demux.moved(stream, now);
            } catch (IllegalStateException | IllegalArgumentException e) {
                LOG.warning(() -> "RTP port " + rtpPort() + ": stream " + stream.id() + " latched to " + now
                        + ", which the group cannot follow: " + e.getMessage());
            }
        }
        if (!stream.groupLatched() && demux.sourceOf(stream) != null) {
            stream.groupLatched(true);
            latched(peerOf(stream.firstSpec()));
        }
    }

    /** Takes an ended stream out of the demultiplexer: what its source still sends is foreign, and expected. */
    void remove(RtpStream stream) {
        demux.remove(stream);
    }

    /**
     * Closes the group's channels, once (the loop's thread, after its last place was given back).
     *
     * @return {@code false} if they were closed already
     */
    synchronized boolean closeChannels() {
        if (channelsClosed) {
            return false;
        }
        channelsClosed = true;
        ports.close();
        return true;
    }

    /** Gives the port pair back, once the selector has let go of the closed channels. */
    void portReleased() {
        allocator.release(ports.rtpPort());
    }

    /**
     * The group socket's kernel drop count as each stream of the group sees it: the count itself, and the group's
     * budget its record takes its drops from ({@link DropShares}). One for all the group's streams; any thread.
     */
    SocketDrops memberDrops() {
        return memberDrops;
    }

    private static SocketDrops memberView(SocketDrops socket, DropShares shares) {
        return new SocketDrops() {
            @Override
            public long drops() {
                return socket.drops();
            }

            @Override
            public long readAtNanos() {
                return socket.readAtNanos();
            }

            @Override
            public boolean current() {
                return socket.current();
            }

            @Override
            public DropShares shares() {
                return shares;
            }
        };
    }

    /**
     * Kernel drops of the group's socket that no stream's record took (the loop's thread): neither a hole of a stream
     * nor the end of one, so that the figures count every drop of the socket once.
     */
    long unattributedDrops() {
        return Math.max(0, socketDrops.drops() - dropShares.taken());
    }

    /** Datagrams that belonged to no stream of the group. */
    long foreign() {
        return demux.foreign();
    }

    /**
     * The stream an RTCP datagram from {@code source} belongs to ({@link GroupDemux#routeRtcp}, by its sender SSRC),
     * or {@code null}: counted on the group as RTCP no stream took. Every RTCP datagram of the group is counted here,
     * on the RTP port (multiplexed) or the RTCP port alike.
     */
    RtpStream routeRtcp(InetSocketAddress source, ByteBuffer datagram) {
        rtcpPackets++;
        int ssrc = datagram.remaining() >= 8 ? datagram.getInt(datagram.position() + 4) : 0;
        RtpStream stream = demux.routeRtcp(source, ssrc);
        if (stream == null) {
            rtcpUnattributed++;
        }
        return stream;
    }

    /** RTCP datagrams of the group: on its RTP port if multiplexed, or on its RTCP port. */
    long rtcpPackets() {
        return rtcpPackets;
    }

    /** RTCP datagrams of the group that no stream took ({@link #routeRtcp}). */
    long rtcpUnattributed() {
        return rtcpUnattributed;
    }

    @Override
    public String toString() {
        return "RTP port group " + rtpPort();
    }
}
