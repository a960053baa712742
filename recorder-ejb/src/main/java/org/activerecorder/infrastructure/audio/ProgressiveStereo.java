package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.AssembledFile;
import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.application.ports.StereoAssembly;
import org.activerecorder.rtp.api.WavHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One recording's stereo file built while the call goes on: a {@link WorkFile} holding the recording's frames
 * {@code [0, written)}, extended by each {@link #advance} with the frames no later report can change, and finished
 * at the end ({@link #finish}) with only the last seconds left to mix.
 *
 * <p>Why the frames before {@code safeEnd} are final (read from the RTP adapter, {@code pipeline/WavFile},
 * {@code AudioWindow}, {@code ArrivalClock}): a stream's file is a 44-byte header and 16-bit samples appended at
 * the end with positional writes, or skipped over (a hole, read as zeros); nothing is ever written before the
 * file's current end again, so its first {@code (size - 44) / 2} samples are final. A stream's sample 0 is where
 * its end will place it once {@link #settled} (the media plane reports the value its end will carry), and until
 * then lies at most {@code ArrivalClock.MAX_CORRECTION_MILLIS} (1 s) before its first packet's arrival, or, for a
 * stream that has sent nothing yet, after now less that second. So {@code safeEnd} is the earliest of: every open
 * placed stream's final samples, the earliest possible sample 0 of every open stream not yet settled, and now less
 * {@value #FUTURE_MARGIN_MILLIS} ms (no stream not yet known can reach back before that); nor past the furthest
 * audio known, which the recording may end at. It starts only once the origin (the earliest sample 0) can no
 * longer move.
 *
 * <p>It does not rely on those facts being kept: it records what it mixed (each stream's file, channel, first
 * frame and how many of its samples), and {@link #finish} compares that with what a full assembly would mix now,
 * from the same files ({@link PlacedStreams}); the work file is used only if they are the same, so the result is
 * byte for byte the full assembly's. A stream that first appears where frames are already written, moves, changes
 * channel or rate, or a file that is missing, spoils the work file: the full assembly is done instead. Streams at
 * different rates (a narrowband party up-sampled in a wideband recording) are left to the full assembly.
 *
 * <p>Not thread-safe on its own: {@link #lock} is held by whoever advances or finishes it (never both at once);
 * what the reports say is taken under the object's monitor.
 */
final class ProgressiveStereo {

    /**
     * How far back from now a stream not yet known may start: its sample 0 is at most 1 s before its first packet,
     * and 2 s more let that packet's report wait in the delivery queue under load (a report later than that spoils
     * the work file, and the recording is assembled in full). The cost is a tail of ~3 s to mix at the end: a
     * millisecond.
     */
    static final int FUTURE_MARGIN_MILLIS = 3000;
    /** {@code ArrivalClock.MAX_CORRECTION_MILLIS}: how far before its first packet a stream's sample 0 may lie. */
    static final Duration MAX_CORRECTION = Duration.ofMillis(1000);

    /**
     * Frames mixed per block, as the full assembly's ({@code StereoAssembler}): a pass (every 5 s) reads each stream
     * file and writes the work file once a block, 16 and 32 KiB at a time. With blocks of 2,048 frames the passes
     * made 0.15 system calls per packet received, a tenth of the server's (docs/performance.md, "Series AW"); what
     * a pass allocates for its blocks (about 200 KiB for two streams) lives only as long as the pass.
     */
    private static final int BLOCK_FRAMES = 8192;

    final ReentrantLock lock = new ReentrantLock();

    private final long recordingId;
    private final WorkFile work;

    /* What the reports say (guarded by this). */
    private List<LiveStream> streams = List.of();
    private final Map<String, Instant> settled = new HashMap<>();
    private Instant reportedAt;

    /* The work file (guarded by lock). */
    private int sampleRate;
    private Instant origin;
    private long written;
    private final Map<Path, Mixed> mixed = new LinkedHashMap<>();
    /**
     * The SHA-256 of the frames written so far (the file's audio data): taken as they are written, so that the end
     * of a long call need not read its file back for it (only for the file's own SHA-256, whose header comes first
     * and is known last). Its state (the JDK's SHA-256 keeps a 64-word schedule) is about half a KiB a recording.
     */
    private MessageDigest audioSha256;
    private String spoilt;
    private boolean retired;

    ProgressiveStereo(long recordingId, Path workFile, Instant createdAt) {
        this.recordingId = recordingId;
        this.work = new WorkFile(workFile);
        this.reportedAt = createdAt;
    }

    /** What of a stream is in the work file: {@code samples} of it from frame {@code startFrame} on. */
    private record Mixed(boolean left, long startFrame, long samples) {
    }

    /** A stream placed in time with its samples, as a pass or the finish sees it. */
    private record Placed(Path file, boolean left, long startFrame, long samples) {
    }

    synchronized void streamsNow(List<LiveStream> now, Instant at) {
        streams = List.copyOf(now);
        reportedAt = at;
    }

    synchronized void settled(String streamId, Instant firstSample, Instant at) {
        settled.put(streamId, firstSample);
        reportedAt = at;
    }

    /**
     * The instant of sample 0 of stream {@code streamId}, if it is one of this recording's open streams.
     *
     * @return whether it is
     */
    synchronized boolean settledIfOpen(String streamId, Instant firstSample, Instant at) {
        if (openStream(streamId) < 0) {
            return false;
        }
        settled(streamId, firstSample, at);
        return true;
    }

    /**
     * The arrival of the first packet of stream {@code streamId}, if it is one of this recording's open streams; the
     * first one told stays.
     *
     * @return whether it is
     */
    synchronized boolean firstPacketIfOpen(String streamId, Instant arrival, Instant at) {
        int index = openStream(streamId);
        if (index < 0) {
            return false;
        }
        LiveStream stream = streams.get(index);
        if (stream.firstPacketAt() == null) {
            List<LiveStream> now = new ArrayList<>(streams);
            now.set(index, stream.withFirstPacketAt(arrival));
            streams = List.copyOf(now);
        }
        reportedAt = at;
        return true;
    }

    /** Where the stream is among the streams last told, or -1 if it is not there or has ended. */
    private int openStream(String streamId) {
        for (int i = 0; i < streams.size(); i++) {
            if (streams.get(i).streamId().equals(streamId)) {
                return streams.get(i).ended() ? -1 : i;
            }
        }
        return -1;
    }

    /** The streams last told. */
    synchronized List<LiveStream> streams() {
        return streams;
    }

    /** Whether nothing was reported since {@code since} and every stream known has ended (a leftover). */
    synchronized boolean idleSince(Instant since) {
        return reportedAt.isBefore(since) && streams.stream().allMatch(LiveStream::ended);
    }

    long recordingId() {
        return recordingId;
    }

    /** Frames in the work file. */
    long written() {
        return written;
    }

    String spoilt() {
        return spoilt;
    }

    /**
     * Extends the work file with the frames that are final at {@code now}.
     *
     * @throws IOException when a file cannot be read or written (the caller spoils it)
     */
    void advance(Instant now) throws IOException {
        if (retired || spoilt != null) {
            return;
        }
        Outlook outlook = outlook(now);
        if (outlook == null || outlook.placed().isEmpty()) {
            return;
        }
        Instant earliestPlaced = outlook.placed().values().stream().min(Instant::compareTo).orElseThrow();
        if (origin == null) {
            if (outlook.limit().isBefore(earliestPlaced)) {
                return; // a stream may still start before: the origin could move
            }
            origin = earliestPlaced;
            sampleRate = outlook.rate();
            audioSha256 = StereoAssembly.newSha256();
            work.create();
        } else if (earliestPlaced.isBefore(origin) || outlook.rate() != sampleRate) {
            spoil("a stream starts before the recording's start as built");
            return;
        }
        advanceTo(outlook.placed(), frameBefore(outlook.limit()));
    }

    /**
     * What the reports say at {@code now}: the streams placed in time (ended, or settled), and the instant before
     * which no other stream can start.
     */
    private record Outlook(Map<LiveStream, Instant> placed, Instant limit, int rate) {
    }

    /** What the reports say at {@code now}, or {@code null} (and spoilt) if the recording is not for building ahead. */
    private Outlook outlook(Instant now) {
        List<LiveStream> known;
        Map<String, Instant> firstSamples;
        synchronized (this) {
            known = streams;
            firstSamples = new HashMap<>(settled);
        }
        Instant limit = now.minusMillis(FUTURE_MARGIN_MILLIS);
        int rate = 0;
        Map<LiveStream, Instant> placed = new LinkedHashMap<>();
        for (LiveStream stream : known) {
            if (rate != 0 && stream.sampleRate() != rate) {
                spoil("its parties are at different rates (up-sampled by the full assembly)");
                return null;
            }
            rate = stream.sampleRate();
            Instant first = stream.ended() ? stream.firstSample() : firstSamples.get(stream.streamId());
            if (first != null) {
                placed.put(stream, first);
            } else if (!stream.ended()) {
                Instant earliest = (stream.firstPacketAt() == null ? now : stream.firstPacketAt())
                        .minus(MAX_CORRECTION);
                limit = earliest.isBefore(limit) ? earliest : limit;
            }
        }
        return new Outlook(placed, limit, rate);
    }

    private void advanceTo(Map<LiveStream, Instant> placed, long limitFrame) throws IOException {
        List<Placed> streams = new ArrayList<>();
        long end = limitFrame;
        long reach = 0;
        for (Map.Entry<LiveStream, Instant> entry : placed.entrySet()) {
            LiveStream stream = entry.getKey();
            long start = PlacedStream.startFrame(origin, entry.getValue(), sampleRate);
            long samples = finalSamples(stream);
            if (!asMixed(stream.file(), stream.left(), start, samples)) {
                return;
            }
            if (!stream.ended()) {
                end = Math.min(end, start + samples);
            }
            reach = Math.max(reach, start + samples);
            streams.add(new Placed(stream.file(), stream.left(), start, samples));
        }
        if (!noneLeftOut(streams)) {
            return;
        }
        end = Math.min(end, reach);
        if (end > written) {
            mix(streams, end);
        }
    }

    /**
     * Whether the frames built so far hold of this stream exactly what a full assembly placing it so would put in
     * them: nothing if it starts after them (wherever it goes), else the same samples from the same frame in the
     * same channel. Spoils the work file if not.
     */
    private boolean asMixed(Path file, boolean left, long start, long samples) {
        Mixed before = mixed.get(file);
        long built = before == null ? 0 : before.samples();
        long due = Math.max(0, Math.min(samples, written - start));
        if (built != due || built > 0 && (before.left() != left || before.startFrame() != start)) {
            spoil("stream file " + file + " is now placed at frame " + start + " with " + samples + " samples in the "
                    + (left ? "left" : "right") + " channel, " + (before == null ? "not mixed in" : "mixed in as "
                    + before) + ", " + written + " frames built");
            return false;
        }
        return true;
    }

    /** Whether every stream that put samples into the frames built is among {@code streams}. */
    private boolean noneLeftOut(List<Placed> streams) {
        for (Map.Entry<Path, Mixed> entry : mixed.entrySet()) {
            if (entry.getValue().samples() > 0 && streams.stream().noneMatch(s -> s.file().equals(entry.getKey()))) {
                spoil("stream file " + entry.getKey() + " was mixed in and is no longer among the recording's");
                return false;
            }
        }
        return true;
    }

    /** Mixes frames {@code [written, end)} from the streams' files (each opened for this pass) onto the work file. */
    private void mix(List<Placed> streams, long end) throws IOException {
        mixInto(streams, end, null, 0, false); // a failure spoils the work file (the caller), hash and all
        written = end;
        mixed.clear();
        for (Placed stream : streams) {
            mixed.put(stream.file(), new Mixed(stream.left(), stream.startFrame(),
                    Math.max(0, Math.min(stream.samples(), written - stream.startFrame()))));
        }
    }

    /**
     * Mixes frames {@code [written, end)} onto the work file, adding them to the audio data's SHA-256; with a
     * {@code target}, finishes it there as a recording at {@code rate} and returns the file's SHA-256 if
     * {@code fileSha256} asks for it.
     */
    private String mixInto(List<Placed> streams, long end, Path target, int rate, boolean fileSha256)
            throws IOException {
        List<FileChannel> open = new ArrayList<>();
        try {
            List<PlacedStream> left = new ArrayList<>();
            List<PlacedStream> right = new ArrayList<>();
            for (Placed stream : streams) {
                FileChannel file = FileChannel.open(stream.file(), StandardOpenOption.READ);
                open.add(file);
                (stream.left() ? left : right).add(PlacedStream.resumed(
                        new FileSamples(file, Math.max(0, written - stream.startFrame())), stream.startFrame(),
                        stream.samples(), written));
            }
            InputStream frames = new DigestInputStream(new InterleavedFrames(new ChannelMixer(left),
                    new ChannelMixer(right), written, end, BLOCK_FRAMES), audioSha256);
            if (target == null) {
                work.append(frames, written);
                return null;
            }
            return work.finish(frames, written, end, rate, target, fileSha256);
        } finally {
            for (FileChannel file : open) {
                file.close();
            }
        }
    }

    /**
     * An open stream's samples on disk (all final: one {@code stat}, no open), or an ended one's: as its file holds,
     * or as its header says if that is more ({@link WavHeader.Canonical#dataBytesIn}).
     */
    private static long finalSamples(LiveStream stream) throws IOException {
        try {
            if (!stream.ended()) {
                return FileSamples.samplesIn(Files.size(stream.file()));
            }
            try (FileChannel file = FileChannel.open(stream.file(), StandardOpenOption.READ)) {
                long size = file.size(); // ended: the file no longer grows
                if (size < WavHeader.LENGTH) {
                    return 0; // no complete header: nothing was written
                }
                WavHeader.Canonical canonical = WavHeader.read(file);
                if (canonical == null || canonical.channels() != 1 || canonical.bitsPerSample() != 16) {
                    throw new IOException("stream file " + stream.file()
                            + " is not in the adapter's mono 16-bit layout (the full assembly reads it)");
                }
                return canonical.dataBytesIn(size) / Short.BYTES;
            }
        } catch (NoSuchFileException e) {
            throw new IOException("stream file " + stream.file() + " is missing", e);
        }
    }

    /** The frames wholly before {@code limit}: a stream whose sample 0 is at {@code limit} or later starts no sooner. */
    private long frameBefore(Instant limit) {
        return Math.max(0, Math.floorDiv(Duration.between(origin, limit).toNanos() * sampleRate, 1_000_000_000L));
    }

    void spoil(String why) {
        if (spoilt == null) {
            spoilt = why;
        }
        work.delete();
    }

    /**
     * Finishes the recording from the work file if it holds what a full assembly of these inputs would write.
     *
     * @return the file, or {@code null} with {@link #spoilt()} saying why not (the work file is then gone)
     */
    AssembledFile finish(List<ChannelSource> left, List<ChannelSource> right, Path target, int rate,
                         boolean fileSha256) throws IOException {
        retired = true;
        if (spoilt != null) {
            return null;
        }
        if (origin == null) {
            spoil("nothing was built ahead (a short call)");
            return null;
        }
        if (rate != sampleRate) {
            spoil("the recording's rate is " + rate + " Hz, built at " + sampleRate);
            return null;
        }
        List<Placed> streams = new ArrayList<>();
        long frames;
        try (PlacedStreams full = PlacedStreams.open(left, right, rate)) {
            if (!full.missing().isEmpty()) {
                spoil("stream files are missing or unreadable: " + full.missing());
                return null;
            }
            if (!placedAsMixed(full.left(), full.leftFiles(), true, streams)
                    || !placedAsMixed(full.right(), full.rightFiles(), false, streams) || !noneLeftOut(streams)) {
                return null;
            }
            frames = full.frames();
        }
        if (frames < written || !work.holds(written)) {
            spoil("the work file does not hold the " + written + " frames built, or the recording is shorter");
            return null;
        }
        String sha256 = mixInto(streams, frames, target, rate, fileSha256);
        return new AssembledFile(target, Duration.ofNanos(frames * 1_000_000_000L / rate), sha256,
                HexFormat.of().formatHex(audioSha256.digest()), frames, List.of());
    }

    /** Whether the full assembly places each stream of a side as it was mixed; {@code placed} collects them. */
    private boolean placedAsMixed(List<PlacedStream> streams, List<Path> files, boolean leftSide,
                                  List<Placed> placed) {
        for (int i = 0; i < streams.size(); i++) {
            PlacedStream stream = streams.get(i);
            long samples = stream.endFrame() - stream.startFrame();
            if (stream.upsampled()) {
                spoil("stream file " + files.get(i) + " is up-sampled");
                return false;
            }
            if (!asMixed(files.get(i), leftSide, stream.startFrame(), samples)) {
                return false;
            }
            placed.add(new Placed(files.get(i), leftSide, stream.startFrame(), samples));
        }
        return true;
    }

    /** No pass touches it again; its work file goes unless it was moved into place. */
    void retire() {
        retired = true;
        work.delete();
    }
}
