package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.AssembledFile;
import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.application.ports.StereoAssembly;
import org.activerecorder.testsupport.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Building a recording's stereo file while the call goes on: stream files grow as the adapter writes them (1 s
 * batches, half a second behind), passes run every second of the simulated call, and the finished file is compared
 * byte for byte with what the full assembly writes from the same stream files.
 */
class ProgressiveAssemblyTest {

    private static final long RECORDING = 42;
    private static final int RATE = 8000;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private ProgressiveAssemblies progress;
    private final List<Party> parties = new ArrayList<>();

    @BeforeEach
    void registry() {
        progress = new ProgressiveAssemblies(dir.resolve(".assembling"));
    }

    @Test
    void twoPartiesAreFinishedFromTheWorkFileAndTheFileIsTheFullAssemblys() throws IOException {
        Party agent = party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(250), 2);

        callUntil(300);
        agent.end(300.3);
        customer.end(300.1);

        assertFinishedAhead(295);
    }

    @Test
    void withTheFilesSha256LeftForLaterTheFileIsNotReadBackAndTheAudioDatasIsKnown() throws IOException {
        party("agent", true, RATE, T0, 1);
        party("customer", false, RATE, T0.plusMillis(250), 2);
        callUntil(60);
        endAll(60);

        AssembledFile finished = new StereoAssembler(progress).assemble(RECORDING, sources(true), sources(false),
                dir.resolve("out/progressive.wav"), RATE, false);

        assertEquals(1, progress.finishedProgressively(), "finished from the work file");
        assertNull(finished.sha256(), "the file is not read back for its SHA-256");
        byte[] file = Files.readAllBytes(finished.file());
        assertEquals(sha256(file, 44), finished.audioSha256());
        AssembledFile full = full(RATE);
        assertArrayEquals(Files.readAllBytes(full.file()), file, "the same file");
        assertEquals(full.audioSha256(), finished.audioSha256());
        assertEquals(full.sha256(), StereoAssembly.sha256Of(finished.file()), "hashed later, as the full one's");
    }

    @Test
    void aSecondPartyJoiningLateIsPlacedWhereItCame() throws IOException {
        party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(10_400), 2);
        customer.openedAt = T0.plusSeconds(10);

        callUntil(60);
        endAll(60);

        assertFinishedAhead(55);
    }

    @Test
    void aPartyWhoseReportsComeTooLateForWhatWasBuiltFallsBackToTheFullAssembly() throws IOException {
        party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(10_400), 2);
        customer.openedAt = T0.plusSeconds(10);
        customer.reportedFrom = T0.plusSeconds(16); // its reports waited 6 s in a queue: frames were built past it

        callUntil(30);
        endAll(30);

        assertFellBack();
    }

    @Test
    void aSecondStreamOfOnePartyAfterAReInviteIsSummedWhereItOverlapsTheFirst() throws IOException {
        Party first = party("agent-1", true, RATE, T0, 1);
        party("customer", false, RATE, T0.plusMillis(100), 2);
        Party second = party("agent-2", true, RATE, T0.plusMillis(19_900), 3); // 100 ms over the first's end
        second.openedAt = T0.plusMillis(19_800);
        first.endsAt = 20.0;

        callUntil(40);
        endAll(40);

        assertFinishedAhead(35);
    }

    @Test
    void aPauseAndAStretchWithoutPacketsAreHolesInTheStreamFileAndSilenceInBoth() throws IOException {
        Party agent = party("agent", true, RATE, T0, 1);
        agent.holeFrom = RATE * 6;
        agent.holeTo = RATE * 14 + 123;
        party("customer", false, RATE, T0.plusMillis(300), 2);

        callUntil(30);
        agent.skipToEnd(30.2); // the call ends in a pause: the file ends in a hole
        endAll(30);

        assertFinishedAhead(25);
    }

    @Test
    void aStreamWhoseFirstSampleEndsOtherwiseThanSettledFallsBackToTheFullAssembly() throws IOException {
        Party agent = party("agent", true, RATE, T0, 1);
        party("customer", false, RATE, T0.plusMillis(250), 2);

        callUntil(20);
        agent.firstSample = agent.firstSample.plusMillis(3); // its end places it 24 samples later
        endAll(20);

        assertFellBack();
    }

    @Test
    void aStreamFileMissingAtTheEndFallsBackAndTheFullAssemblyNamesIt() throws IOException {
        party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(250), 2);

        callUntil(20);
        endAll(20);
        Files.delete(customer.file);

        AssembledFile full = assertFellBack();
        assertEquals(List.of(customer.file), full.missing());
    }

    @Test
    void aStreamThatEndedInAnotherWavLayoutFallsBackToTheFullAssemblyWhichReadsIt() throws IOException {
        // a pass reads an ended stream's length from the canonical header only: a valid WAV in another layout (here
        // an 18-byte fmt chunk) spoils the work, and the full assembly, which reads any layout, makes the recording
        party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(250), 2);
        customer.endsAt = 15;

        callUntil(1, 16);
        assertTrue(customer.ended);
        byte[] canonical = Files.readAllBytes(customer.file);
        ByteBuffer other = ByteBuffer.allocate(canonical.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        other.put(canonical, 0, 12).put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(18);
        other.put(canonical, 20, 16).putShort((short) 0); // the PCM fields, then cbSize
        other.put(canonical, 36, canonical.length - 36);  // "data", its size, the samples
        other.putInt(4, other.capacity() - 8);
        Files.write(customer.file, other.array());
        AssembledFile full;
        List<String> reasons;
        try (LogCapture log = LogCapture.of(ProgressiveAssemblies.class, Level.FINE)) {
            callUntil(17, 20);
            endAll(20);
            full = assertFellBack();
            reasons = log.messages();
        }
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not in the adapter's mono 16-bit layout")),
                () -> "the layout named as the reason: " + reasons);
        assertEquals(List.of(), full.missing());
        ByteBuffer stereo = ByteBuffer.wrap(Files.readAllBytes(full.file())).order(ByteOrder.LITTLE_ENDIAN);
        int silentRight = 0;
        for (int frame = RATE; frame < RATE * 15; frame++) {
            silentRight += stereo.getShort(44 + frame * 4 + 2) == 0 ? 1 : 0;
        }
        assertTrue(silentRight < 100, "the customer's audio is in the right channel: " + silentRight + " silent");
    }

    @Test
    void partiesAtDifferentRatesAreLeftToTheFullAssemblyWhichUpSamples() throws IOException {
        party("agent", true, 16000, T0, 1);
        party("customer", false, RATE, T0.plusMillis(250), 2);

        callUntil(20);
        endAll(20);

        assertFellBack(16000);
    }

    @Test
    void aShortCallIsAssembledInFull() throws IOException {
        party("agent", true, RATE, T0, 1);
        party("customer", false, RATE, T0.plusMillis(250), 2);

        callUntil(3); // not settled yet: nothing built
        endAll(3);

        assertFellBack();
    }

    @Test
    void aDiscardedRecordingLeavesNoWorkFileAndTheFolderIsEmptiedAtStart() throws IOException {
        party("agent", true, RATE, T0, 1);
        callUntil(20);
        assertTrue(Files.exists(workFile()));

        progress.discard(RECORDING);
        assertFalse(Files.exists(workFile()));

        Files.write(workFile(), new byte[100]);
        new ProgressiveAssemblies(dir.resolve(".assembling"));
        assertFalse(Files.exists(workFile()), "left by an earlier run: never used");
    }

    @Test
    void aSettledFirstSampleIsTakenByTheStreamAloneOnlyWhileItIsAnOpenStreamOfARecordingBeingBuilt()
            throws IOException {
        Party agent = party("agent", true, RATE, T0, 1);
        party("customer", false, RATE, T0.plusMillis(250), 2);
        assertFalse(progress.firstSampleSettled("agent", T0), "not told yet: its recording is looked up");

        callUntil(4);
        assertEquals(2, progress.streamsKnown());
        assertTrue(progress.firstSampleSettled("agent", T0));
        assertFalse(progress.firstSampleSettled("someone-else", T0));

        agent.end(4);
        callUntil(5, 5);
        assertFalse(progress.firstSampleSettled("agent", T0), "ended: its end placed it");
        assertTrue(progress.firstSampleSettled("customer", T0.plusMillis(250)));

        progress.discard(RECORDING);
        assertEquals(0, progress.streamsKnown(), "a recording no longer built forgets its streams");
        assertFalse(progress.firstSampleSettled("customer", T0.plusMillis(250)));
        assertEquals(0, progress.inProgress(), "a settle after the end builds nothing again");
    }

    @Test
    void aFirstPacketIsTakenByTheStreamAloneOnlyWhileItIsAnOpenStreamOfARecordingBeingBuilt() throws IOException {
        Party agent = party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(250), 2);
        assertFalse(progress.firstPacketArrived("agent", agent.firstPacket()), "not told yet: its recording is read");

        progress.streamsNow(RECORDING, List.of(agent.live(T0), customer.live(T0)));
        assertTrue(progress.firstPacketArrived("customer", customer.firstPacket()));
        assertTrue(progress.firstPacketArrived("customer", customer.firstPacket().plusSeconds(1)), "delivered again");
        assertFalse(progress.firstPacketArrived("someone-else", T0));

        agent.end(0.5);
        progress.streamsNow(RECORDING, List.of(agent.live(T0.plusSeconds(1)), customer.live(T0)));
        assertFalse(progress.firstPacketArrived("agent", agent.firstPacket()), "ended: its end placed it");

        progress.discard(RECORDING);
        assertFalse(progress.firstPacketArrived("customer", customer.firstPacket()));
        assertEquals(0, progress.inProgress(), "a first packet after the end builds nothing again");
    }

    @Test
    void aStreamNoLongerOfTheRecordingIsForgotten() throws IOException {
        Party agent = party("agent", true, RATE, T0, 1);
        Party customer = party("customer", false, RATE, T0.plusMillis(250), 2);
        callUntil(2);
        assertEquals(2, progress.streamsKnown());

        progress.streamsNow(RECORDING, List.of(agent.live(T0.plusSeconds(3))));

        assertEquals(1, progress.streamsKnown());
        assertFalse(progress.firstSampleSettled(customer.id, customer.firstSample));
        assertTrue(progress.firstSampleSettled(agent.id, agent.firstSample));
    }

    @Test
    void aFinishedRecordingForgetsItsStreams() throws IOException {
        party("agent", true, RATE, T0, 1);
        party("customer", false, RATE, T0.plusMillis(250), 2);
        callUntil(20);
        endAll(20.2);
        callUntil(21, 21);

        finish();

        assertEquals(0, progress.streamsKnown());
        assertEquals(0, progress.inProgress());
    }

    /** The finished file came from the work file, is the full assembly's to the byte, and no work file is left. */
    private void assertFinishedAhead(int builtSeconds) throws IOException {
        assertTrue(builtFrames() >= (long) RATE * builtSeconds, "all but the last seconds built ahead: "
                + builtFrames() + " frames");
        AssembledFile progressive = finish();
        AssembledFile full = full(RATE);
        assertEquals(1, progress.finishedProgressively(), "finished from the work file");
        assertSame(full, progressive);
    }

    private AssembledFile assertFellBack() throws IOException {
        return assertFellBack(RATE);
    }

    private AssembledFile assertFellBack(int rate) throws IOException {
        AssembledFile assembled = new StereoAssembler(progress).assemble(RECORDING, sources(true), sources(false),
                dir.resolve("out/progressive.wav"), rate, false);
        AssembledFile full = full(rate);
        assertEquals(0, progress.finishedProgressively());
        assertEquals(1, progress.fellBack());
        assertNotNull(assembled.sha256(), "a file assembled in full is hashed as written, even when asked later");
        assertSame(full, assembled);
        return full;
    }

    private void assertSame(AssembledFile full, AssembledFile progressive) throws IOException {
        assertArrayEquals(Files.readAllBytes(full.file()), Files.readAllBytes(progressive.file()),
                "byte for byte the full assembly's file");
        byte[] file = Files.readAllBytes(full.file());
        assertEquals(sha256(file, 0), full.sha256(), "the file's SHA-256");
        assertEquals(sha256(file, 44), full.audioSha256(), "its audio data's: the bytes after the header");
        assertEquals(full.sha256(), progressive.sha256());
        assertEquals(full.audioSha256(), progressive.audioSha256(), "taken pass by pass as the frames were written");
        assertEquals(full.frames(), progressive.frames());
        assertEquals(full.duration(), progressive.duration());
        assertEquals(full.missing(), progressive.missing());
        assertFalse(Files.exists(workFile()), "no work file is left");
        assertEquals(0, progress.inProgress());
    }

    private AssembledFile finish() throws IOException {
        return new StereoAssembler(progress).assemble(RECORDING, sources(true), sources(false),
                dir.resolve("out/progressive.wav"), RATE, true);
    }

    private static String sha256(byte[] bytes, int from) {
        MessageDigest digest = StereoAssembly.newSha256();
        digest.update(bytes, from, bytes.length - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    private AssembledFile full(int rate) throws IOException {
        return new StereoAssembler().assemble(sources(true), sources(false), dir.resolve("out/full.wav"), rate);
    }

    private List<ChannelSource> sources(boolean left) {
        return parties.stream().filter(p -> p.left == left).map(p -> new ChannelSource(p.file, p.firstSample))
                .toList();
    }

    private long builtFrames() throws IOException {
        return (Files.size(workFile()) - 44) / 4;
    }

    private Path workFile() {
        return dir.resolve(".assembling/" + RECORDING + ".wav");
    }

    private Party party(String id, boolean left, int rate, Instant firstSample, long seed) throws IOException {
        Party party = new Party(id, left, rate, firstSample, seed);
        parties.add(party);
        return party;
    }

    /** The call second by second: the adapter writes, the reports come, a pass runs. */
    private void callUntil(int seconds) throws IOException {
        callUntil(1, seconds);
    }

    /** The passes of seconds {@code from} to {@code to} of the call. */
    private void callUntil(int from, int to) throws IOException {
        for (int s = from; s <= to; s++) {
            Instant now = T0.plusSeconds(s);
            List<LiveStream> streams = new ArrayList<>();
            for (Party party : parties) {
                party.writeUntil(now);
                if (!now.isBefore(party.openedAt) && !now.isBefore(party.reportedFrom)) {
                    streams.add(party.live(now));
                }
                if (!party.ended && !now.isBefore(party.settledAt()) && !now.isBefore(party.reportedFrom)
                        && !progress.firstSampleSettled(party.id, party.firstSample)) {
                    // as the media events do: by the stream alone, with its recording when that is not taken
                    progress.firstSampleSettled(RECORDING, party.id, party.firstSample);
                }
            }
            progress.streamsNow(RECORDING, streams);
            progress.pass(now);
        }
    }

    private void endAll(double seconds) throws IOException {
        for (Party party : parties) {
            if (!party.ended) {
                party.end(seconds);
            }
        }
    }

    /** One stream of the call: random audio (loud enough that overlapping streams saturate). */
    private final class Party {
        final String id;
        final boolean left;
        final int rate;
        final Path file;
        final GrowingStreamFile wav;
        final Random random;
        Instant firstSample;
        Instant openedAt;
        Instant reportedFrom = Instant.MIN;
        double endsAt = Double.MAX_VALUE;
        long holeFrom = Long.MAX_VALUE;
        long holeTo = Long.MAX_VALUE;
        long samples;
        boolean ended;

        Party(String id, boolean left, int rate, Instant firstSample, long seed) throws IOException {
            this.id = id;
            this.left = left;
            this.rate = rate;
            this.file = dir.resolve("streams/" + id + ".wav");
            this.wav = new GrowingStreamFile(file, rate);
            this.random = new Random(seed);
            this.firstSample = firstSample;
            this.openedAt = firstSample.minusMillis(100);
        }

        Instant firstPacket() {
            return firstSample.plusMillis(20);
        }

        Instant settledAt() {
            return firstSample.plusSeconds(5);
        }

        LiveStream live(Instant now) {
            return new LiveStream(id, file, left, rate, now.isBefore(firstPacket()) ? null : firstPacket(),
                    ended ? firstSample : null, ended);
        }

        /** Whole 1 s batches, half a second behind {@code now}. */
        void writeUntil(Instant now) throws IOException {
            if (ended) {
                return;
            }
            double heard = Duration.between(firstSample, now).toMillis() / 1000.0 - 0.5;
            if (heard >= endsAt) {
                end(endsAt);
                return;
            }
            writeTo((long) Math.floor(Math.max(0, heard)) * rate);
        }

        void skipToEnd(double seconds) throws IOException {
            long to = samplesAt(seconds);
            wav.skip((int) (to - samples));
            samples = to;
        }

        void end(double seconds) throws IOException {
            writeTo(Math.max(samples, samplesAt(seconds)));
            wav.close();
            ended = true;
        }

        private long samplesAt(double callSeconds) {
            return Math.round((callSeconds - Duration.between(T0, firstSample).toMillis() / 1000.0) * rate);
        }

        private void writeTo(long to) throws IOException {
            while (samples < to) {
                if (samples >= holeFrom && samples < holeTo) {
                    long n = Math.min(to, holeTo) - samples;
                    wav.skip((int) n);
                    samples += n;
                    continue;
                }
                long n = Math.min(to, samples < holeFrom ? holeFrom : to) - samples;
                short[] batch = new short[(int) n];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = (short) (random.nextInt(40_001) - 20_000);
                }
                wav.append(batch);
                samples += n;
            }
        }
    }
}
