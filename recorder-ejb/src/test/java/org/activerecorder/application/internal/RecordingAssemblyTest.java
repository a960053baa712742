package org.activerecorder.application.internal;


import org.activerecorder.application.events.RecordingCompleted;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.application.events.RecordingIncomplete;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.CompletenessReason;
import org.activerecorder.domain.model.recording.Filing;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.application.ports.FileRemoval;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.infrastructure.audio.ProgressiveAssemblies;
import org.activerecorder.infrastructure.audio.StereoAssembler;
import org.activerecorder.infrastructure.storage.RecordingStorage;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.BeforeEach;
import org.activerecorder.application.calls.CallControlCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What assembling a recording does with real stream files: every stream of a party in its channel, the verdict and
 * its event, and which stream files go once the transaction commits (only those whose audio is in the stereo file).
 */
class RecordingAssemblyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final int RATE = 8000;

    @TempDir
    Path root;

    private final List<RecordingEvent> published = new ArrayList<>();
    private final List<CallControlCommand> sentToCallControl = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> rolledBack = new ArrayList<>();
    private RecordingStorage storage;
    private RecordingAssembly assembly;
    private Recording recording;

    @BeforeEach
    void assembly() throws ReflectiveOperationException {
        var constructor = RecordingStorage.class.getDeclaredConstructor(Path.class, Clock.class);
        constructor.setAccessible(true);
        storage = constructor.newInstance(root, Clock.systemUTC());
        assembly = assembly(new RecorderSettings(name -> null, name -> null));
        recording = new Recording(new Call(new CallUuid("CALL1"), T0), new RecordingRequestId("rec-1"), new Dn("1001"),
                Map.of(), T0);
        Field id = Recording.class.getDeclaredField("id"); // assigned by the database
        id.setAccessible(true);
        id.set(recording, 42L);
    }

    @Test
    void everyStreamOfAPartyIsInItsChannelAndEveryStreamFileGoesAfterCommit() throws IOException {
        // the agent's media moved after 1 s (a re-INVITE): a second stream, in the same session, from 1.5 s
        Path agent1 = stream("agent-1", "1001", "call-a", 440, 1.0, T0);
        Path agent2 = stream("agent-2", "1001", "call-a", 440, 1.0, T0.plusMillis(1500));
        Path customer = stream("customer", "5551234", "call-b", 1000, 2.5, T0);

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(RecordingState.COMPLETED, recording.state());
        assertEquals(2500, recording.duration().orElseThrow().toMillis());
        WavContent wav = WavContent.read(storage.resolve(recording.audioFile()));
        assertEquals(440, wav.dominantFrequency(0, 0, RATE), 5, "the first stream");
        assertEquals(440, wav.dominantFrequency(0, RATE * 3 / 2, RATE), 5, "the second stream, where it came");
        assertTrue(wav.channel(0)[RATE * 5 / 4] == 0, "silence between the agent's two streams");
        assertEquals(1000, wav.dominantFrequency(1, 0, RATE * 5 / 2), 5);
        RecordingCompleted event = assertInstanceOf(RecordingCompleted.class, published.get(0));
        assertEquals(List.of("1001", "5551234"), event.dns());
        assertEquals(225, event.completeness().packetsExpected(), "4.5 s of packets over three streams");
        assertEquals(List.of(Map.of("GSIP_RECORD", "OFF", "GSIP_REC_FN", recording.audioFile())),
                sentToCallControl.stream().map(CallControlCommand::userData).toList(),
                "call control hears the recording is off, with its file");

        assertTrue(Files.exists(agent1), "nothing is deleted before the commit");
        afterCommit.forEach(Runnable::run);
        assertFalse(Files.exists(agent1) || Files.exists(agent2) || Files.exists(customer));
    }

    @Test
    void theEventAndTheRowCarryBothChecksumsAndTheFinishIsActivityTheSweepsHashingWaitsFor() throws Exception {
        stream("agent", "1001", "call-a", 440, 1.0, T0);
        stream("customer", "5551234", "call-b", 1000, 1.0, T0);
        assertTrue(assembly.quietFor(Duration.ofSeconds(5)), "nothing finished yet");

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertFalse(assembly.quietFor(Duration.ofSeconds(5)), "a recording was just finished");
        byte[] file = Files.readAllBytes(storage.resolve(recording.audioFile()));
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        MessageDigest data = MessageDigest.getInstance("SHA-256");
        data.update(file, 44, file.length - 44);
        RecordingCompleted event = assertInstanceOf(RecordingCompleted.class, published.get(0));
        assertEquals(HexFormat.of().formatHex(whole.digest(file)), event.sha256());
        assertEquals(HexFormat.of().formatHex(data.digest()), event.audioSha256());
        assertEquals(List.of(event.sha256(), event.audioSha256()), List.of(recording.sha256(),
                recording.audioSha256()));
    }

    @Test
    void aDecisionsTemplateNamesTheFileAndASecondRecordingOfTheSameNameNeverOverwritesTheFirst() throws Exception {
        Call call = new Call(new CallUuid("CALL1"), T0);
        call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", new Dn("1001"), new Dn("5551234"), "+49 555/1234",
                null, null, null, Map.of()), T0, "{}");
        recording = templated(call, "{dn}_{ani}_{dnis}_{callUuid}_{start:HHmm}", 42L);
        stream("agent", "1001", "call-a", 440, 1.0, T0);
        stream("customer", "5551234", "call-b", 1000, 1.0, T0);

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(RecordingState.COMPLETED, recording.state());
        assertEquals("2026/11/26/1001__49_555_1234_unknown_CALL1_1000.wav",
                recording.audioFile(), "placeholders filled, unsafe characters and a missing DNIS replaced");
        Path first = storage.resolve(recording.audioFile());
        String firstSha = recording.sha256();
        assertEquals(440, WavContent.read(first).dominantFrequency(0, 0, RATE), 5, "the audio is in the named file");
        assertEquals(List.of(Map.of("GSIP_RECORD", "OFF", "GSIP_REC_FN", recording.audioFile())),
                sentToCallControl.stream().map(CallControlCommand::userData).toList(),
                "call control hears the real file's name");

        // a start after a stop of the same call and DN: the same template gives the same name
        recording = templated(call, "{dn}_{ani}_{dnis}_{callUuid}_{start:HHmm}", 43L);
        stream("agent-again", "1001", "call-c", 1500, 0.5, T0);
        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals("2026/11/26/1001__49_555_1234_unknown_CALL1_1000-2.wav", recording.audioFile());
        assertEquals(1500, WavContent.read(storage.resolve(recording.audioFile())).dominantFrequency(0, 0, RATE / 2),
                5);
        assertEquals(firstSha, sha256(first), "the first recording's file is untouched");
        assertEquals(440, WavContent.read(first).dominantFrequency(0, 0, RATE), 5);
    }

    private static Recording templated(Call call, String template, long id) throws ReflectiveOperationException {
        Recording templated = Recording.requested(call, new RecordingRequestId("rec-" + id), new Dn("1001"),
                new Filing(template, 30), T0);
        templated.mediaJoins(T0);
        Field field = Recording.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(templated, id);
        return templated;
    }

    @Test
    void aStereoFileWhoseTransactionRollsBackIsDeletedAndTheStreamFilesStay() throws IOException {
        Path agent = stream("agent", "1001", "call-a", 440, 1.0, T0);
        Path customer = stream("customer", "5551234", "call-b", 1000, 1.0, T0);

        assertTrue(assembly(new RecorderSettings(name -> null, name -> null)).finishIfReady(recording));
        Path stereo = storage.resolve(recording.audioFile());
        assertTrue(Files.exists(stereo));
        rolledBack.forEach(Runnable::run); // the transaction did not commit; afterCommit never runs

        assertFalse(Files.exists(stereo), "no file without the row that names it");
        assertTrue(Files.exists(agent) && Files.exists(customer), "the next attempt assembles from them");
    }

    @Test
    void aStoppedRecordingIsNotReportedOffTwice() throws IOException {
        stream("agent", "1001", "call-a", 440, 1.0, T0);
        recording.stop(T0.plusSeconds(1), "admin");

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(RecordingState.COMPLETED, recording.state());
        assertTrue(sentToCallControl.isEmpty(), "the stop reported OFF already: " + sentToCallControl);
    }

    @Test
    void aSessionWhoseChannelsWereCorrectedWhileItRanIsAssembledByTheSidesItHasThen() throws IOException {
        // opened by m-line order: the first line taken for the recorded party; its metadata said otherwise later
        stream("line-1", "1001", "sip-1", 1000, 2.0, T0);
        stream("line-2", "other-party", "sip-1", 440, 2.0, T0);
        recording.describeStreams(new Dn("4711"), List.of(
                new StreamParty("line-1", new Dn("5551234"), StreamSide.OTHER_PARTY),
                new StreamParty("line-2", new Dn("4711"), StreamSide.RECORDED_PARTY)), Map.of());

        assembly.finish(recording, CompletenessPolicy.defaults());

        WavContent wav = WavContent.read(storage.resolve(recording.audioFile()));
        assertEquals(440, wav.dominantFrequency(0, 0, 2 * RATE), 5, "left: the recorded party's line, the second");
        assertEquals(1000, wav.dominantFrequency(1, 0, 2 * RATE), 5, "right: the other party's");
        RecordingCompleted event = assertInstanceOf(RecordingCompleted.class, published.get(0));
        assertEquals("4711", event.recordDn());
        assertEquals(List.of("4711", "5551234"), event.dns());
    }

    @Test
    void aMissingStreamFileMakesItIncompleteAndOnlyFilesWhoseAudioIsInTheRecordingGo() throws IOException {
        Path agent = stream("agent", "1001", "call-a", 440, 1.0, T0);
        Path customer = stream("customer", "5551234", "call-b", 1000, 1.0, T0);
        Files.write(customer, new byte[]{1, 2, 3}); // unreadable: kept for a person to look at

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(RecordingState.INCOMPLETE, recording.state());
        assertEquals(List.of(CompletenessReason.Code.STREAM_FILE_MISSING),
                recording.reasons().stream().map(CompletenessReason::code).toList());
        RecordingIncomplete event = assertInstanceOf(RecordingIncomplete.class, published.get(0));
        assertEquals("STREAM_FILE_MISSING", event.reasons().get(0).code());
        afterCommit.forEach(Runnable::run);
        assertFalse(Files.exists(agent));
        assertTrue(Files.exists(customer));
    }

    @Test
    void aWidebandPartyMakesTheRecording16kHzAndTheNarrowbandOneIsUpSampled() throws IOException {
        int wide = 16_000;
        stream("agent", "1001", "call-a", 440, 2.0, T0);
        recording.addStream(new StreamDescription("customer", new Dn("5551234"), "call-b", "G722", 9, wide, null,
                storage.streamFile(T0, 42, "customer")), T0);
        writeMono(storage.resolve(recording.stream("customer").orElseThrow().audioFile()),
                ToneSource.linear(1000, wide * 2, wide), wide);
        recording.streamEnded("customer", new StreamEnd(T0.plusMillis(500), new StreamStatistics(100, 0, 0, 0, 0, 0,
                2L * wide, 100, 0, 0, 0, 0, 0, 0), StreamEndReason.REQUESTED, StreamTimeline.EMPTY),
                T0.plusSeconds(5));

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(RecordingState.COMPLETED, recording.state());
        assertEquals(2500, recording.duration().orElseThrow().toMillis());
        WavContent wav = WavContent.read(storage.resolve(recording.audioFile()));
        assertEquals(wide, wav.format().getSampleRate());
        assertEquals(wide * 5 / 2, wav.frames());
        assertEquals(440, wav.dominantFrequency(0, 0, wide * 2), 5);
        assertEquals(wide * 2, wav.end(0, 1_000), 2, "the narrowband party: 2 s at 16 kHz");
        assertEquals(1000, wav.dominantFrequency(1, wide / 2, wide * 2), 5);
        assertEquals(wide / 2, wav.onset(1, 1_000), 2, "the wideband party from 500 ms");
    }

    @Test
    void aRecordingWhoseFileWasBuiltAheadIsFinishedFromItUnderItsId() throws Exception {
        Path agent = stream("agent", "1001", "call-a", 440, 3.0, T0);
        Path customer = stream("customer", "5551234", "call-b", 1000, 2.5, T0.plusMillis(500));
        var newProgress = ProgressiveAssemblies.class.getDeclaredConstructor(Path.class);
        newProgress.setAccessible(true);
        ProgressiveAssemblies progress = newProgress.newInstance(root.resolve(".assembling"));
        var newAssembler = StereoAssembler.class.getDeclaredConstructor(ProgressiveAssemblies.class);
        newAssembler.setAccessible(true);
        progress.streamsNow(42, List.of(
                new LiveStream("agent", agent, true, RATE, T0, T0, true),
                new LiveStream("customer", customer, false, RATE, T0.plusMillis(500), T0.plusMillis(500), true)));
        progress.pass(T0.plusSeconds(60));
        assertTrue(Files.size(root.resolve(".assembling/42.wav")) > 44 + 4 * RATE * 2, "built ahead");
        RecordingEvents events = published::add;
        RecorderSettings settings = new RecorderSettings(name -> null, name -> null);
        RecordingAssembly assembly = new RecordingAssembly(storage, new StreamFiles(storage),
                newAssembler.newInstance(progress), events, transaction(), settings,
                new CallControlReports(sentToCallControl::add, settings, storage), FileRemoval.NOW);

        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(1, progress.finishedProgressively(), "finished from the work file");
        assertEquals(RecordingState.COMPLETED, recording.state());
        assertEquals(3000, recording.duration().orElseThrow().toMillis());
        Path file = storage.resolve(recording.audioFile());
        assertEquals(sha256(file), recording.sha256());
        WavContent wav = WavContent.read(file);
        assertEquals(440, wav.dominantFrequency(0, 0, RATE * 3), 5);
        assertEquals(RATE / 2, wav.onset(1, 1_000), 2, "the customer from 500 ms");
        assertEquals(1000, wav.dominantFrequency(1, RATE / 2, RATE * 5 / 2), 5);
        assertFalse(Files.exists(root.resolve(".assembling/42.wav")));
    }

    @Test
    void aFailedAssemblyKeepsEveryFileAndSaysSoOnce() throws IOException {
        Path agent = stream("agent", "1001", "call-a", 440, 1.0, T0);
        Path customer = storage.resolve(recording.stream(add("customer", "5551234", "call-b")).orElseThrow()
                .audioFile());
        writeMono(customer, ToneSource.linear(1000, 16_000), 16_000); // not what the recorder writes
        end("customer", T0, 1.0);

        assembly.finish(recording, CompletenessPolicy.defaults());
        assembly.finish(recording, CompletenessPolicy.defaults());

        assertEquals(RecordingState.FAILED, recording.state());
        assertEquals(2, recording.assemblyAttempts());
        assertEquals(1, published.size(), "the failure is news once");
        assertEquals(1, sentToCallControl.size(), "call control hears once that nothing is recorded");
        assertEquals("OFF", sentToCallControl.get(0).userData().get("GSIP_RECORD"));
        assertInstanceOf(RecordingFailed.class, published.get(0));
        assertTrue(afterCommit.isEmpty());
        assertTrue(Files.exists(agent) && Files.exists(customer));
    }

    @Test
    void aLoneStreamIsNotAssembledBeforeItsGraceIsOver() throws IOException {
        add("agent", "1001", "call-a");
        writeMono(storage.resolve(recording.stream("agent").orElseThrow().audioFile()), ToneSource.linear(440, RATE),
                RATE);
        recording.streamEnded("agent", new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED,
                StreamTimeline.EMPTY), Instant.now());

        assertFalse(assembly.finishIfReady(recording), "the default grace is 30 s");
        assertEquals(RecordingState.ACTIVE, recording.state());

        RecordingAssembly noGrace = assembly(new RecorderSettings(
                name -> name.equals(RecorderSettings.LONE_STREAM_GRACE_SECONDS) ? "0" : null, name -> null));
        assertTrue(noGrace.finishIfReady(recording));
        assertEquals(RecordingState.COMPLETED, recording.state());
        assertTrue(recording.oneSided());
    }

    private RecordingAssembly assembly(RecorderSettings settings) {
        RecordingEvents events = published::add;
        return new RecordingAssembly(storage, new StreamFiles(storage), new StereoAssembler(), events, transaction(),
                settings, new CallControlReports(sentToCallControl::add, settings, storage), FileRemoval.NOW);
    }

    private TransactionCallbacks transaction() {
        return new TransactionCallbacks() {
            @Override
            public void afterCommit(Runnable action) {
                afterCommit.add(action);
            }

            @Override
            public void unlessCommitted(Runnable action) {
                rolledBack.add(action);
            }
        };
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    /** A stream that joined, sent {@code seconds} of a tone heard from {@code firstSample} on, and ended. */
    private Path stream(String streamId, String dn, String sipCallId, double frequency, double seconds,
                        Instant firstSample) throws IOException {
        RecordingStream stream = recording.stream(add(streamId, dn, sipCallId)).orElseThrow();
        Path file = storage.resolve(stream.audioFile());
        writeMono(file, ToneSource.linear(frequency, (int) (seconds * RATE)), RATE);
        end(streamId, firstSample, seconds);
        return file;
    }

    private String add(String streamId, String dn, String sipCallId) {
        recording.addStream(new StreamDescription(streamId, new Dn(dn), sipCallId, "PCMU", 0, RATE, null,
                storage.streamFile(T0, 42, streamId)), T0);
        return streamId;
    }

    private void end(String streamId, Instant firstSample, double seconds) {
        long packets = Math.round(seconds * 50);
        recording.streamEnded(streamId, new StreamEnd(firstSample, new StreamStatistics(packets, 0, 0, 0, 0, 0,
                        Math.round(seconds * RATE), packets, 0, 0, 0, 0, 0, 0), StreamEndReason.REQUESTED,
                StreamTimeline.EMPTY), T0.plusSeconds(5));
    }

    private static void writeMono(Path file, short[] samples, int rate) throws IOException {
        Files.createDirectories(file.getParent());
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            bytes.putShort(s);
        }
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes.array()),
                new AudioFormat(rate, 16, 1, true, false), samples.length), AudioFileFormat.Type.WAVE, file.toFile());
    }
}
