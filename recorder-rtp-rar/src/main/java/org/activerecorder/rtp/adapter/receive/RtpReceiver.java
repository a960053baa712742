package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.metrics.KernelUdpDrops;
import org.activerecorder.rtp.adapter.metrics.LoopFigures;
import org.activerecorder.rtp.adapter.metrics.SocketDropWatch;
import org.activerecorder.rtp.adapter.pipeline.StreamFile;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTP receiver: opens and closes recorded streams, and runs the receive loops that serve them.
 *
 * <p>{@link #open} runs on the caller's thread up to the point where the ports are bound and the file created, so
 * both failures are the caller's exception; then the stream goes to the loop with the fewest streams
 * ({@link LoopShares}).
 * {@link #close} hands the close to the stream's loop and waits until the file is finished and the ports are free.
 * The files of closed streams are forced to disk by {@link FileCloser}s, never by a loop: {@value #FILE_CLOSERS}
 * of them, each stream given to one in turn, because one thread forcing files one after the other fell behind at a
 * burst of call ends (a hundred streams closing a second, each force waiting tens of milliseconds behind the other
 * streams' writes), and every Closed event, hence every recording's completion, waited in its queue; forces
 * issued together share the file system's journal commits. Knows nothing of JCA: the
 * adapter gives it a WorkManager-backed {@link Executor}, tests a thread pool.
 */
public final class RtpReceiver {

    private static final Logger LOG = Logger.getLogger(RtpReceiver.class.getName());

    /** How long {@link #close} waits for the loop and the closer; flushing and forcing a file takes milliseconds. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    /** How far from now a pause or resume instant may lie (see {@link #nanosAt}). */
    private static final Duration CLAMP = Duration.ofDays(1);
    /** How many file closers force closed streams' files at once. */
    public static final int FILE_CLOSERS = 4;
    /** What the kernel books for one queued G.711 datagram on loopback here (ReceiverSettings, measured). */
    private static final int GROUPED_DATAGRAM_TRUESIZE = 832;
    /** Seconds of its streams a group's receive buffer must hold at the least ({@link #groupCapacity}). */
    static final double GROUP_BUFFER_SECONDS = 2;

    private final ReceiverSettings settings;
    private final StreamEventSink events;
    /** Whose streams may share ports when only proven senders' may ({@link ReceiverSettings.PortSharing#PROVEN}). */
    private final ProvenSenders proven = new ProvenSenders();
    /** Closes handed over without waiting that outlived their wait, told once per burst. */
    private final LateCloses lateCloses = new LateCloses();
    private final Clock clock;
    private final StreamFileFactory files;
    private final PortAllocator ports;
    private final ConcurrentMap<String, RtpStream> streams = new ConcurrentHashMap<>();
    /** The open port groups (docs/port-groups.md), when streams share ports; locked by itself. */
    private final List<PortGroup> groups = new ArrayList<>();
    private boolean groupBufferLogged;
    /**
     * Streams a port group takes: {@code streamsPerPort}, or fewer when the kernel grants a group's socket too small a
     * receive buffer for that many ({@link #groupCapacity}); set at start. 1: no port is shared.
     */
    private volatile int groupCapacity = 1;
    private final double leastGroupBufferSeconds;
    private volatile List<ReceiveLoop> loops = List.of();
    private volatile LoopShares<ReceiveLoop> shares;
    private volatile List<FileCloser> closers = List.of();
    private final AtomicInteger nextCloser = new AtomicInteger();
    private final Duration dropReadingPeriod;
    /** Reads the kernel's drops of the RTP sockets, so that a stream's gaps tell them from the network's loss. */
    private volatile SocketDropWatch dropWatch;
    private volatile boolean running;

    /**
     * @param settings  ports, addresses and loop count
     * @param events    where the streams' events go (called on a loop or the file closer thread)
     * @param clock     the wall clock that stamps first packets
     */
    public RtpReceiver(ReceiverSettings settings, StreamEventSink events, Clock clock) {
        this(settings, events, clock, StreamFileFactory.WAV);
    }

    RtpReceiver(ReceiverSettings settings, StreamEventSink events, Clock clock, StreamFileFactory files) {
        this(settings, events, clock, files, SocketDropWatch.PERIOD);
    }

    /** @param dropReadingPeriod how often the kernel's drop counters are read (tests read faster) */
    RtpReceiver(ReceiverSettings settings, StreamEventSink events, Clock clock, StreamFileFactory files,
                Duration dropReadingPeriod) {
        this(settings, events, clock, files, dropReadingPeriod, GROUP_BUFFER_SECONDS);
    }

    /**
     * @param leastGroupBufferSeconds what a group's receive buffer must hold of its streams ({@link #groupCapacity});
     *                                tests of drops on shared ports share a port with the smallest buffer, and give 0
     */
    RtpReceiver(ReceiverSettings settings, StreamEventSink events, Clock clock, StreamFileFactory files,
                Duration dropReadingPeriod, double leastGroupBufferSeconds) {
        this.leastGroupBufferSeconds = leastGroupBufferSeconds;
        this.dropReadingPeriod = dropReadingPeriod;
        this.settings = settings;
        this.events = event -> {
            if (event instanceof StreamEvent.FirstPacket first) {
                proveBy(first);
            }
            events.publish(event);
        };
        this.clock = clock;
        this.files = files;
        this.ports = new PortAllocator(settings.bindAddress(), settings.firstRtpPort(), settings.portMax(),
                settings.receiveBufferBytes(), DatagramChannel::open);
    }

    /**
     * Starts the receive loops, their decode workers and the file closers, one task each on {@code runner} (tasks that
     * never end).
     *
     * @throws IOException when a selector cannot be opened or the runner refuses a task; nothing is left running
     */
    public void start(Executor runner) throws IOException {
        start(runner, runner);
    }

    /**
     * Starts the receive loops and their decode workers, one task each on {@code loopRunner}, and the file closers on
     * {@code closerRunner} (tasks that never end).
     *
     * @throws IOException when a selector cannot be opened or a runner refuses a task; nothing is left running
     */
    public void start(Executor loopRunner, Executor closerRunner) throws IOException {
        start(loopRunner, loopRunner, closerRunner);
    }

    /**
     * Starts the receive loops, one task each on {@code loopRunner}, each loop's decode worker on
     * {@code decodeRunner}, and the file closers on {@code closerRunner} (tasks that never end).
     *
     * @throws IOException when a selector cannot be opened or a runner refuses a task; nothing is left running
     */
    public void start(Executor loopRunner, Executor decodeRunner, Executor closerRunner) throws IOException {
        start(loopRunner, decodeRunner, closerRunner, closerRunner);
    }

    /**
     * Starts the receive loops, one task each on {@code loopRunner}, each loop's decode worker on
     * {@code decodeRunner}, the file closers on {@code closerRunner} and the reader of the kernel's socket drops
     * ({@link SocketDropWatch}) on {@code dropRunner} (tasks that never end).
     *
     * @throws IOException when a selector cannot be opened or a runner refuses a task; nothing is left running
     */
    public synchronized void start(Executor loopRunner, Executor decodeRunner, Executor closerRunner,
                                   Executor dropRunner) throws IOException {
        if (running) {
            throw new IllegalStateException("the RTP receiver is already running");
        }
        List<ReceiveLoop> created = new ArrayList<>();
        List<FileCloser> files = new ArrayList<>();
        for (int i = 0; i < FILE_CLOSERS; i++) {
            files.add(new FileCloser("rtp-file-closer-" + i));
        }
        SocketDropWatch watch = new SocketDropWatch(KernelUdpDrops.PROC_NET, KernelUdpDrops.UDP_MEMORY_LIMITS,
                settings.bindAddress(), settings.firstRtpPort(), settings.portMax(), dropReadingPeriod);
        try {
            for (FileCloser closer : files) {
                closerRunner.execute(closer);
            }
            dropRunner.execute(watch);
            for (int i = 0; i < settings.receiveLoops(); i++) {
                created.add(new ReceiveLoop("rtp-receive-" + i, settings.quietLimit(), settings.decodeHoldLimit(),
                        this::ended));
            }
            for (ReceiveLoop loop : created) {
                decodeRunner.execute(loop.decodeWorker());
                loopRunner.execute(loop);
            }
        } catch (IOException | RuntimeException e) {
            created.forEach(ReceiveLoop::stop);
            created.forEach(loop -> loop.decodeWorker().stop());
            files.forEach(FileCloser::stop);
            watch.stop();
            throw e instanceof IOException ? (IOException) e : new IOException("cannot start the receive loops", e);
        }
        closers = List.copyOf(files);
        groupCapacity = groupCapacityOnThisHost();
        dropWatch = watch;
        shares = new LoopShares<>(created);
        loops = List.copyOf(created);
        running = true;
        DescriptorBoxing.warning().ifPresent(LOG::warning);
        SingleGenerationZgc.warning().ifPresent(LOG::warning);
    }

    /**
     * Binds a port pair, creates the stream's file and starts receiving.
     *
     * @throws StreamOpenRefused when the receiver is not running, the id is taken, no port pair is free, or the
     *                           file cannot be created (nothing is left bound or created then)
     */
    public OpenedStream open(StreamSpec spec) throws StreamOpenRefused {
        String id = spec.streamId();
        List<ReceiveLoop> current = loops;
        LoopShares<ReceiveLoop> share = shares;
        if (!running || current.isEmpty()) {
            throw new StreamOpenRefused("the RTP adapter is not running");
        }
        if (streams.containsKey(id)) {
            throw new StreamOpenRefused("stream " + id + " is already open");
        }
        InetAddress peer = PortGroup.peerOf(spec);
        boolean grouped = groupCapacity > 1 && PortGroup.joinable(spec.codec())
                && (settings.portSharing() == ReceiverSettings.PortSharing.ALL || proven.proven(peer));
        ReceiveLoop loop = share.take();
        PortGroup group = null;
        PortPair pair;
        try {
            if (grouped) {
                group = join(loop, peer, spec.rtcpMux());
                pair = group.ports();
            } else {
                pair = ports.allocate(spec.rtcpMux());
            }
        } catch (IOException e) {
            share.leave(loop);
            throw new StreamOpenRefused(e.getMessage(), e);
        }
        PortGroup joined = group;
        // a stream that never reaches the loop gives its port back, or its place in the group
        Runnable giveBack = joined == null ? () -> { } : () -> giveBack(joined, peer);
        RtpStream stream;
        try {
            FileCloser closer = closerOfNext();
            stream = joined == null
                    ? RtpStream.open(spec, pair, ports, loop, files, settings.allowedPeers(), events, closer, clock,
                            dropWatch.socket(pair.rtpPort(), System.nanoTime()))
                    : RtpStream.openInGroup(spec, joined, ports, files, settings.allowedPeers(), events, closer, clock,
                            joined.memberDrops());
        } catch (IOException e) {
            share.leave(loop);
            if (joined == null) {
                pair.close();
                ports.release(pair.rtpPort());
            }
            giveBack.run();
            throw new StreamOpenRefused("cannot create the audio file " + spec.audioFile() + ": " + e, e);
        }
        stream.released().whenComplete((free, failure) -> share.leave(loop));
        if (streams.putIfAbsent(id, stream) != null) {
            stream.abandon();
            giveBack.run();
            throw new StreamOpenRefused("stream " + id + " is already open");
        }
        if (joined != null) {
            joined.joining(stream);
        }
        if (!loop.register(stream)) {
            if (joined != null) {
                joined.withdraw(stream);
            }
            streams.remove(id, stream);
            stream.abandon();
            giveBack.run();
            throw new StreamOpenRefused("the RTP adapter is stopping");
        }
        return new OpenedStream(id, new InetSocketAddress(settings.bindAddress(), pair.rtpPort()));
    }

    /**
     * A place for a stream awaiting {@code peer} in a port group of {@code loop}: the first group of the loop with a
     * free place that no stream not yet latched from the same address holds (rule 1 of docs/port-groups.md), or a new
     * group on the next free port pair, its receive buffer asked for as the per-stream buffer times the group's size.
     */
    private PortGroup join(ReceiveLoop loop, InetAddress peer, boolean rtcpMux) throws IOException {
        synchronized (groups) {
            for (Iterator<PortGroup> it = groups.iterator(); it.hasNext(); ) {
                PortGroup group = it.next();
                if (group.closed()) {
                    it.remove();
                } else if (group.loop() == loop && group.rtcpMuxed() == rtcpMux && group.reserve(peer)) {
                    return group;
                }
            }
            int size = groupCapacity;
            int asked = (int) Math.min(Integer.MAX_VALUE, (long) settings.receiveBufferBytes() * size);
            PortPair pair = ports.allocate(rtcpMux, asked);
            PortGroup group = new PortGroup(pair, ports, size, loop, settings.allowedPeers(),
                    dropWatch.socket(pair.rtpPort(), System.nanoTime()));
            group.reserve(peer); // a new group's first place
            groups.add(group);
            if (!groupBufferLogged) {
                groupBufferLogged = true;
                logGroupBuffer(group.receiveBufferBytes(), asked, size);
            }
            return group;
        }
    }

    /**
     * How many streams a group may take here: the kernel caps a socket's receive buffer at {@code net.core.rmem_max}
     * (212,992 bytes on a stock kernel), and a group whose buffer holds less than {@value #GROUP_BUFFER_SECONDS} s of
     * its streams loses their audio at the first pause of its loop that a socket of each stream's own rides out (about
     * 10 s at that cap). So the group is made smaller, down to no sharing at all, and that is logged with the
     * {@code sysctl} that gives the configured size back.
     */
    private int groupCapacityOnThisHost() {
        int configured = settings.streamsPerPort();
        if (configured < 2) {
            return 1;
        }
        int asked = (int) Math.min(Integer.MAX_VALUE, (long) settings.receiveBufferBytes() * configured);
        int granted;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_RCVBUF, asked);
            granted = probe.getOption(StandardSocketOptions.SO_RCVBUF);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot learn the receive buffer a shared RTP port would get; ports are not shared",
                    e);
            return 1;
        }
        int capacity = groupCapacity(configured, granted, leastGroupBufferSeconds);
        if (capacity < configured) {
            LOG.warning(String.format(Locale.ROOT, "RTP: a port's receive buffer was granted %d bytes of the %d asked"
                    + " (net.core.rmem_max), %s, so that a port holds %.0f s of its streams while a receive loop is"
                    + " behind; sysctl -w net.core.rmem_max=%d gives recorder.rtp.streams-per-port=%d back",
                    granted, asked, capacity < 2 ? "so no port is shared" : "so " + capacity + " streams share a port",
                    leastGroupBufferSeconds, asked, configured));
        }
        return capacity;
    }

    /**
     * The streams a group of {@code configured} may take with {@code granted} bytes of receive buffer as the JDK reports
     * it (the size asked, capped at {@code net.core.rmem_max}; Linux keeps twice that, and books each G.711 datagram at
     * about {@value #GROUPED_DATAGRAM_TRUESIZE} bytes against it: 128 KiB asked held 315 datagrams, see
     * {@link ReceiverSettings#DEFAULT_RECEIVE_BUFFER_BYTES}): as many as it holds {@value #GROUP_BUFFER_SECONDS} s of,
     * at most {@code configured}, at least 1.
     */
    static int groupCapacity(int configured, int granted) {
        return groupCapacity(configured, granted, GROUP_BUFFER_SECONDS);
    }

    private static int groupCapacity(int configured, int granted, double leastSeconds) {
        if (leastSeconds <= 0) {
            return configured;
        }
        double streams = heldSeconds(granted, 1) / leastSeconds;
        return (int) Math.max(1, Math.min(configured, Math.floor(streams)));
    }

    /** Seconds of {@code streams} G.711 streams a receive buffer of {@code granted} bytes (as the JDK reports it) holds. */
    private static double heldSeconds(int granted, int streams) {
        return 2.0 * granted / GROUPED_DATAGRAM_TRUESIZE / (50.0 * streams);
    }

    /**
     * The first group's receive buffer, once: what the kernel granted and how long it holds the group's streams while
     * its loop is behind (a G.711 datagram is booked at about 832 bytes against twice the size granted, see
     * {@link #groupCapacity}), as a warning when the kernel granted less than was asked ({@code net.core.rmem_max}),
     * since a group's stream then holds fewer seconds than a port of its own would.
     */
    private void logGroupBuffer(int granted, int asked, int size) {
        if (granted < 0) {
            return;
        }
        double seconds = heldSeconds(granted, size);
        double ownSeconds = heldSeconds(Math.min(granted, settings.receiveBufferBytes()), 1);
        String text = String.format(Locale.ROOT, "RTP ports are shared by up to %d streams"
                + " (recorder.rtp.streams-per-port): each port's receive buffer was asked for %d bytes and granted %d,"
                + " which holds about %.1f s of %d G.711 streams while a receive loop is behind", size, asked, granted,
                seconds, size);
        if (granted < asked) {
            // series BO (docs/performance.md): a sender seconds behind that caught up in bursts overflowed groups of
            // 32 at 4 MiB, where ports of their own, or groups with the buffer asked for, took every packet
            LOG.warning(String.format(Locale.ROOT, "%s, where a port of its own holds %.1f s of its stream: a loop"
                    + " stalled longer, or a sender catching up in a burst longer, loses audio on a shared port (counted"
                    + " and said in its recordings); sysctl -w net.core.rmem_max=%d gives each stream the same",
                    text, ownSeconds, asked));
        } else {
            LOG.info(text);
        }
    }

    /**
     * Gives back the place of a stream that never reached its loop; the group's last place closes it, on the loop if
     * it is still running.
     */
    private static void giveBack(PortGroup group, InetAddress peer) {
        if (group.leave(peer, true) && !group.loop().closeGroupLater(group) && group.closeChannels()) {
            group.portReleased(); // the loop is ending
        }
    }

    /**
     * Closes a stream: its file is finished, a Closed event is published, and its ports are free when this returns
     * (unless called on a receive loop thread, where waiting is impossible).
     *
     * @return {@code false} if no stream of that id is open (never opened, closed, or ended by a failure)
     */
    public boolean close(String streamId) {
        RtpStream stream = handToLoop(streamId);
        if (stream == null) {
            return false;
        }
        if (!stream.loop().isLoopThread()) {
            awaitRelease(stream);
        }
        return true;
    }

    /**
     * Closes a stream as {@link #close} does, without waiting: returns once the close is handed to the stream's loop.
     * A close that is not done within {@value #CLOSE_WAIT_SECONDS} s is logged as {@link #close} logs it.
     *
     * @return {@code false} if no stream of that id is open
     */
    public boolean closeLater(String streamId) {
        RtpStream stream = handToLoop(streamId);
        if (stream == null) {
            return false;
        }
        long asked = System.nanoTime();
        released(stream).orTimeout(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).whenComplete((done, failure) -> {
            if (failure instanceof TimeoutException) {
                lateClose(stream, asked);
            } else if (failure != null) {
                closeFailed(stream, failure);
            }
        });
        return true;
    }

    /** A close handed over without waiting outlived its wait: told once per burst ({@link LateCloses}). */
    private void lateClose(RtpStream stream, long askedNanos) {
        String first = lateCloses.outlived(stream.id(), CLOSE_WAIT_SECONDS);
        if (first != null) {
            LOG.warning(first);
        }
        released(stream).whenComplete((done, failure) -> {
            if (failure != null) {
                closeFailed(stream, failure);
            }
            String last = lateCloses.finished(System.nanoTime() - askedNanos, failure == null);
            if (last != null) {
                LOG.warning(last);
            }
        });
    }

    /** Takes the stream out of the open ones and hands its close to its loop; {@code null} if it is not open. */
    private RtpStream handToLoop(String streamId) {
        RtpStream stream = streams.get(streamId);
        if (stream == null) {
            return null;
        }
        forget(stream);
        stream.loop().close(stream); // if refused, the loop is ending and closes the stream itself
        return stream;
    }

    /**
     * Ends the recording of a stream at {@code from} but keeps its port and sender (see
     * {@code RtpConnection.stopRecording}): a Closed event with reason {@code STOPPED} follows. Ordered with the
     * stream's packets and commands as {@link #pause} is.
     *
     * @return {@code false} if no stream of that id is open
     */
    public boolean stopRecording(String streamId, Instant from) {
        long atNanos = nanosAt(from);
        return onLoop(streamId, stream -> stream.stopRecording(atNanos));
    }

    /**
     * Records a stream whose recording was stopped again, as {@code newStreamId} into {@code audioFile} (see
     * {@code RtpConnection.recordAgain}); waits for the stream's loop to take it.
     *
     * @return the new stream on the same port, or empty if no stream of that id is open with its recording stopped
     * @throws StreamOpenRefused when {@code newStreamId} is taken or the file cannot be created
     */
    public Optional<OpenedStream> recordAgain(String streamId, String newStreamId, Path audioFile)
            throws StreamOpenRefused {
        RtpStream stream = streams.get(streamId);
        if (stream == null || stream.loop().isLoopThread()) {
            return Optional.empty();
        }
        if (streams.containsKey(newStreamId)) {
            throw new StreamOpenRefused("stream " + newStreamId + " is already open");
        }
        StreamFile file;
        try {
            file = files.create(audioFile, stream.firstSpec().codec().sampleRate());
        } catch (IOException e) {
            throw new StreamOpenRefused("cannot create the audio file " + audioFile + ": " + e, e);
        }
        // named before the loop takes it: its first packet's event may come before this method returns
        if (streams.putIfAbsent(newStreamId, stream) != null) {
            file.discard();
            throw new StreamOpenRefused("stream " + newStreamId + " is already open");
        }
        CompletableFuture<Boolean> taken = new CompletableFuture<>();
        // a refused file is discarded before the answer is given, so that a caller told "no" finds no file
        Runnable refused = () -> {
            streams.remove(newStreamId, stream);
            file.discard();
            taken.complete(false);
        };
        if (!stream.loop().run(stream, s -> {
            if (s.recordAgain(newStreamId, audioFile, file)) {
                taken.complete(true);
            } else {
                refused.run();
            }
        }, refused)) {
            refused.run(); // the loop is ending
            return Optional.empty();
        }
        if (!awaitTaken(taken, newStreamId)) {
            return Optional.empty();
        }
        return Optional.of(new OpenedStream(newStreamId,
                new InetSocketAddress(settings.bindAddress(), stream.ports().rtpPort())));
    }

    /** The closer of the next stream opened: each in turn. */
    private FileCloser closerOfNext() {
        List<FileCloser> current = closers;
        return current.get(Math.floorMod(nextCloser.getAndIncrement(), current.size()));
    }

    /**
     * Closes every stream ({@code ADAPTER_STOPPED}), ends the loops and then the file closers, and waits up to
     * {@code timeout} for them. The receiver can be started again afterwards.
     */
    public synchronized void stop(Duration timeout) {
        running = false;
        List<ReceiveLoop> stopping = loops;
        loops = List.of();
        stopping.forEach(ReceiveLoop::stop);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (ReceiveLoop loop : stopping) {
                if (!loop.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.severe("an RTP receive loop did not end within " + timeout + "; its sockets may stay open");
                }
            }
            // after the loops: their streams' last packets are decoded by the streams' close (DecodeSlots.drain)
            stopping.forEach(loop -> loop.decodeWorker().stop());
            for (ReceiveLoop loop : stopping) {
                if (!loop.decodeWorker().awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warning("an RTP decode worker did not end within " + timeout);
                }
            }
            SocketDropWatch watch = dropWatch;
            if (watch != null) {
                watch.stop();
                if (!watch.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warning("the kernel drop reader did not end within " + timeout);
                }
            }
            List<FileCloser> files = closers;
            files.forEach(FileCloser::stop); // after the loops: their last streams' files are queued by now
            for (FileCloser closer : files) {
                if (!closer.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.severe("an RTP file closer did not finish within " + timeout
                            + "; the files still queued are not forced to disk and their Closed events not published");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!streams.isEmpty()) {
            LOG.warning("RTP streams still registered after stop: " + streams.keySet());
            streams.clear();
        }
        synchronized (groups) {
            for (PortGroup group : groups) {
                if (group.closeChannels()) {
                    group.portReleased(); // a place taken by an open its loop never took
                }
            }
            groups.clear();
        }
    }

    /**
     * Whether the decode workers have taken every payload and been offered at least {@code payloads} in all: a
     * snapshot, for tests that pace a sender without asking the loops.
     */
    boolean decodersCaughtUp(long payloads) {
        List<ReceiveLoop> current = loops;
        return current.stream().mapToLong(loop -> loop.decodeWorker().offered()).sum() >= payloads
                && current.stream().allMatch(loop -> loop.decodeWorker().backlog() == 0);
    }

    /**
     * The counters of an open stream so far, taken on its receive loop (so they are consistent with each other).
     *
     * @return empty if no stream of that id is open, or the loop did not answer within a second
     */
    public Optional<StreamStatistics> statistics(String streamId) {
        RtpStream stream = streams.get(streamId);
        if (stream == null || stream.loop().isLoopThread()) {
            return Optional.empty();
        }
        try {
            return Optional.of(stream.loop().statistics(stream).get(1, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /**
     * Silences a stream from {@code from} on (see {@code RtpConnection.pause}). The instant is read here, on the
     * caller's thread; the pause itself runs on the stream's loop between two selects, so it is ordered with the
     * stream's packets and with any other command from the same caller (a close right after it comes after it).
     *
     * @return {@code false} if no stream of that id is open
     */
    public boolean pause(String streamId, Instant from) {
        long atNanos = nanosAt(from);
        return onLoop(streamId, stream -> stream.pause(atNanos));
    }

    /** Ends a stream's pause at {@code from}, like {@link #pause}; {@code false} if no stream of that id is open. */
    public boolean resume(String streamId, Instant from) {
        long atNanos = nanosAt(from);
        return onLoop(streamId, stream -> stream.resume(atNanos));
    }

    /**
     * The signalling moved the stream's sender to {@code source}: preferred from now on (see
     * {@code RtpConnection.expectSource}); {@code false} if no stream of that id is open.
     */
    public boolean expectSource(String streamId, InetSocketAddress source) {
        return onLoop(streamId, stream -> stream.expectSource(source));
    }

    /** Attaches a tap to a stream's decoded audio; {@code false} if no stream of that id is open. */
    public boolean attachTap(String streamId, AudioTap tap) {
        return onLoop(streamId, stream -> stream.tap(tap));
    }

    /** Detaches a stream's tap if it is {@code tap}. */
    public void detachTap(String streamId, AudioTap tap) {
        onLoop(streamId, stream -> stream.untap(tap));
    }

    /**
     * The ids of the streams open now: every id a stream had names it, so a stream recorded again after a stop is
     * there under its session's id too, and a stream whose recording is stopped under each of its ids.
     */
    public Set<String> openStreamIds() {
        return Set.copyOf(streams.keySet());
    }

    /** Streams open now. */
    public int openStreams() {
        return (int) streams.values().stream().distinct().count();
    }

    /** Streams counted on each receive loop by the balancing (a stream counts until its ports are free). */
    /** Readings of the kernel's drop counters published so far (tests wait for one after a burst). */
    long dropReadings() {
        SocketDropWatch watch = dropWatch;
        return watch == null ? 0 : watch.readings();
    }

    int[] loopShares() {
        LoopShares<ReceiveLoop> share = shares;
        return share == null ? new int[0] : share.streams();
    }

    /** Port pairs bound now (open streams, and closed ones whose sockets the selector still holds). */
    public int portPairsInUse() {
        return ports.inUseCount();
    }

    /**
     * Each receive loop's figures (see {@code ReceiveLoop.figures}), for the server's metrics; a loop that does not
     * answer within a second is left out.
     */
    public List<LoopFigures> loopFigures() {
        List<CompletableFuture<LoopFigures>> asked = new ArrayList<>();
        for (ReceiveLoop loop : loops) {
            if (!loop.isLoopThread()) {
                asked.add(loop.figures());
            }
        }
        List<LoopFigures> answers = new ArrayList<>(asked.size());
        for (CompletableFuture<LoopFigures> answer : asked) {
            try {
                answers.add(answer.get(1, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.FINE, "a receive loop did not report its figures", e);
            }
        }
        return answers;
    }

    public ReceiverSettings settings() {
        return settings;
    }

    /** Runs {@code command} on the stream's loop thread, between two selects. */
    private boolean onLoop(String streamId, Consumer<RtpStream> command) {
        RtpStream stream = streams.get(streamId);
        if (stream == null) {
            return false;
        }
        if (stream.loop().isLoopThread()) {
            command.accept(stream);
            return true;
        }
        return stream.loop().run(stream, command);
    }

    /**
     * A wall-clock instant in the {@link System#nanoTime()} domain the pipeline counts in. Clamped to a day either
     * side of now: nothing legitimate is further away, and the arithmetic cannot overflow.
     */
    private long nanosAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long nowNanos = System.nanoTime();
        Duration ago = Duration.between(instant, clock.instant());
        if (ago.compareTo(CLAMP) > 0) {
            ago = CLAMP;
        } else if (ago.compareTo(CLAMP.negated()) < 0) {
            ago = CLAMP.negated();
        }
        return nowNanos - ago.toNanos();
    }

    private void ended(RtpStream stream) {
        forget(stream);
        if (stream.group() != null && !stream.anyPacket()) {
            proven.silentOnSharedPort(PortGroup.peerOf(stream.firstSpec()));
        }
    }

    /**
     * A stream on a port of its own, at its first segment's first packet: whether it came from where its SDP said
     * ({@link ProvenSenders}). On the loop's thread, once a stream.
     */
    private void proveBy(StreamEvent.FirstPacket first) {
        if (settings.portSharing() != ReceiverSettings.PortSharing.PROVEN || groupCapacity < 2) {
            return;
        }
        RtpStream stream = streams.get(first.streamId());
        if (stream != null && stream.group() == null && stream.firstSpec().streamId().equals(first.streamId())) {
            proven.latchedOnOwnPort(stream.firstSpec().expectedSource(), first.source());
        }
    }

    /** Removes every id of the stream from the open ones. */
    private void forget(RtpStream stream) {
        for (String name : stream.names()) {
            streams.remove(name, stream);
        }
    }

    /**
     * Whether the loop took the new segment (it always answers, a stream closed meanwhile included). A loop that does
     * not answer in time may still take it later and would record into a file the caller does not know of: the
     * stream is closed instead (its session's end comes early, and says so in the log).
     */
    private boolean awaitTaken(CompletableFuture<Boolean> taken, String newStreamId) {
        try {
            return taken.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.SEVERE, "stream " + newStreamId + ": its receive loop did not take it within "
                    + CLOSE_WAIT_SECONDS + " s; closing the stream", e);
        }
        close(newStreamId);
        return false;
    }

    /** Done when the stream's ports are free and its file is finished. */
    private static CompletableFuture<Void> released(RtpStream stream) {
        return CompletableFuture.allOf(stream.released(), stream.finished());
    }

    private void awaitRelease(RtpStream stream) {
        try {
            released(stream).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            notClosed(stream, e);
        }
    }

    private static void closeFailed(RtpStream stream, Throwable failure) {
        LOG.log(Level.WARNING, "stream " + stream.id() + ": its close failed", failure);
    }

    private static void notClosed(RtpStream stream, Throwable failure) {
        LOG.log(Level.WARNING, "stream " + stream.id() + " was not closed within " + CLOSE_WAIT_SECONDS + " s", failure);
    }

    /** The open stream of that id, or {@code null}: for tests in this package. */
    RtpStream streamOf(String streamId) {
        return streams.get(streamId);
    }

    /** The receive loops, for tests in this package. */
    List<ReceiveLoop> loops() {
        return loops;
    }
}
