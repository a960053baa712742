package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallEventEntry;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.CompletenessReason;
import org.activerecorder.domain.model.recording.DtmfTone;
import org.activerecorder.domain.model.recording.GapCause;
import org.activerecorder.domain.model.recording.ControlState;
import org.activerecorder.domain.model.recording.PauseSpan;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.RecordingSummary;
import org.activerecorder.domain.model.recording.StoredAudio;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamGap;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.activerecorder.infrastructure.persistence.migration.RecorderMigrations;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The completeness record and the sweep's questions against a database migrated as the server migrates it (H2 in
 * the server's version, and PostgreSQL when the tests are given one: {@link TestDatabase}), through Hibernate as the
 * server runs it.
 */
class JpaRecordingRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final StreamStatistics COUNTED =
            new StreamStatistics(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    private TestDatabase database;
    private SessionFactory sessions;

    @AfterEach
    void close() {
        if (sessions != null) {
            sessions.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theCompletenessRecordSurvivesTheDatabase(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long id = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "C1");
            recording.stream("C1-agent").orElseThrow().firstPacketArrived(T0.plusMillis(50));
            recording.streamEnded("C1-agent", new StreamEnd(T0.plusMillis(20), COUNTED, StreamEndReason.WRITE_FAILED,
                    new StreamTimeline(List.of(new StreamGap(160, 8000, GapCause.QUIET_SENDER),
                            new StreamGap(8160, 160, GapCause.RECEIVER_OVERFLOW)), 3,
                            List.of(new DtmfTone(4000, 11, 800, 10, true)), 4)), T0.plusSeconds(2));
            recording.streamEnded("C1-customer", new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED,
                    StreamTimeline.EMPTY), T0.plusSeconds(5));
            recording.complete(new StoredAudio("f.wav", T0, Duration.ofSeconds(5), "abc"), Set.of("C1-customer"),
                    CompletenessPolicy.defaults(), T0.plusSeconds(6));
            return recording.id();
        });

        inTransaction(repository -> {
            Recording recording = repository.find(id).orElseThrow();
            assertEquals(RecordingState.INCOMPLETE, recording.state());
            assertEquals(List.of(CompletenessReason.Code.STREAM_WRITE_FAILED, CompletenessReason.Code.STREAM_FILE_MISSING,
                    CompletenessReason.Code.RECEIVER_OVERFLOW, CompletenessReason.Code.NETWORK_LOSS),
                    recording.reasons().stream().map(CompletenessReason::code).toList());
            assertEquals(1, recording.assemblyAttempts());
            assertEquals(T0.plusSeconds(6), recording.lastAssemblyAt());
            assertFalse(recording.oneSided());
            RecordingStream agent = recording.stream("C1-agent").orElseThrow();
            assertEquals(COUNTED, agent.statistics(), "every counter in its own column");
            assertEquals(T0.plusMillis(20), agent.firstSampleAt());
            assertEquals(T0.plusMillis(50), agent.firstPacketAt());
            assertEquals(StreamEndReason.WRITE_FAILED, agent.endReason());
            // the listed gap, then the lost tail: from sample 7 (all it wrote) to 4.98 s into its file
            assertEquals(List.of(new StreamGap(160, 8000, GapCause.QUIET_SENDER),
                    new StreamGap(8160, 160, GapCause.RECEIVER_OVERFLOW),
                    new StreamGap(7, 39_833, GapCause.RECORDER_FAILURE)), agent.gaps());
            assertEquals(3, agent.gapsOmitted());
            assertEquals(List.of(new DtmfTone(4000, 11, 800, 10, true)), agent.dtmf());
            assertEquals(4, agent.dtmfOmitted());
            assertEquals(8000, agent.sampleRate());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRecordingStoredWithoutItsFilesSha256IsFoundUntilItIsHashedAndBothChecksumsSurvive(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long later = inTransaction(repository -> completed(repository, "LATER", null).id());
        inTransaction(repository -> completed(repository, "KNOWN", "ab").id());
        inTransaction(repository -> twoPartyRecording(repository, "ACTIVE").id());

        assertEquals(List.of(later), inTransaction(repository -> repository.fileHashDue(T0.plusSeconds(6), 10)));
        assertEquals(List.of(), inTransaction(repository -> repository.fileHashDue(T0.plusSeconds(5), 10)),
                "finished at 6 s: not by 5 s");
        inTransaction(repository -> {
            Recording recording = repository.lock(later).orElseThrow();
            assertEquals("cd-LATER", recording.audioSha256());
            recording.fileHashed("ef");
            return null;
        });

        assertEquals(List.of(), inTransaction(repository -> repository.fileHashDue(T0.plusSeconds(60), 10)));
        Recording stored = inTransaction(repository -> repository.find(later).orElseThrow());
        assertEquals(List.of("ef", "cd-LATER"), List.of(stored.sha256(), stored.audioSha256()));
    }

    /** A two-party recording completed with a file, its SHA-256 {@code sha256} (null: to be taken) and its data's. */
    private static Recording completed(JpaRecordingRepository repository, String callUuid, String sha256) {
        Recording recording = twoPartyRecording(repository, callUuid);
        endBoth(recording);
        recording.complete(new StoredAudio(callUuid + ".wav", T0, Duration.ofSeconds(5), sha256, "cd-" + callUuid),
                Set.of(), CompletenessPolicy.defaults(), T0.plusSeconds(6));
        return recording;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void streamsDescribedAgainKeepTheirNewPartiesSidesAndTheRecordingsAttributesInTheDatabase(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long id = inTransaction(repository -> twoPartyRecording(repository, "SWAP").id());

        inTransaction(repository -> repository.lockByStream("SWAP-agent").orElseThrow().describeStreams(
                new Dn("5551234"), List.of(
                        new StreamParty("SWAP-agent", new Dn("1001"), StreamSide.OTHER_PARTY),
                        new StreamParty("SWAP-customer", new Dn("5551234"), StreamSide.RECORDED_PARTY)),
                Map.of("siprec.channelRule", "CONFIGURED_DN")));

        inTransaction(repository -> {
            Recording recording = repository.find(id).orElseThrow();
            assertEquals(new Dn("5551234"), recording.recordDn());
            assertEquals(StreamSide.OTHER_PARTY, recording.stream("SWAP-agent").orElseThrow().side());
            assertEquals(StreamSide.RECORDED_PARTY, recording.stream("SWAP-customer").orElseThrow().side());
            assertEquals(List.of("SWAP-customer"),
                    recording.channelLayout().left().stream().map(RecordingStream::id).toList());
            assertEquals(Map.of("siprec.channelRule", "CONFIGURED_DN"), recording.attributes());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPauseAndAStopOnRequestAreKeptAndTheCallsRecordingsAreFoundNewestFirst(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        Instant paused = T0.plusSeconds(2);
        long first = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "CONTROL");
            recording.pause(paused, "tester");
            return recording.id();
        });
        inTransaction(repository -> {
            Recording recording = repository.lock(first).orElseThrow();
            assertEquals(ControlState.PAUSED, recording.control());
            assertEquals(paused, recording.pausedSince());
            assertEquals(List.of(PauseSpan.begun(paused, "tester")), recording.pauses());
            recording.stop(T0.plusSeconds(3), "admin");
            return null;
        });
        long second = inTransaction(repository -> {
            Call call = repository.find(first).orElseThrow().call();
            Recording later = new Recording(call, new RecordingRequestId("rec-2"), new Dn("1001"), Map.of(),
                    T0.plusSeconds(10));
            repository.add(later);
            return later.id();
        });

        inTransaction(repository -> {
            Recording stopped = repository.find(first).orElseThrow();
            assertEquals(ControlState.STOPPED, stopped.control());
            assertEquals(T0.plusSeconds(3), stopped.stoppedAt());
            assertEquals(List.of(new PauseSpan(paused, "tester", T0.plusSeconds(3), "admin", true)),
                    stopped.pauses(), "the pause the stop ended, with who and when (V7)");
            assertEquals(List.of(second, first),
                    repository.ofCall(stopped.call()).stream().map(Recording::id).toList());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theSweepFindsActiveRecordingsWhoseStreamsAllEndedAndFailedOnesWithAttemptsLeft(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long ended = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "ENDED");
            endBoth(recording);
            return recording.id();
        });
        inTransaction(repository -> {
            Recording open = twoPartyRecording(repository, "OPEN");
            open.streamEnded("OPEN-agent", requested(), T0);
            return null;
        });
        long failed = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "FAILED");
            endBoth(recording);
            recording.assemblyFailed("disk full", T0);
            return recording.id();
        });
        long exhausted = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "EXHAUSTED");
            endBoth(recording);
            for (int attempt = 0; attempt < Recording.MAX_ASSEMBLY_ATTEMPTS; attempt++) {
                recording.assemblyFailed("unreadable", T0);
            }
            return recording.id();
        });

        inTransaction(repository -> {
            assertEquals(List.of(ended), repository.activeWithAllStreamsEnded());
            assertEquals(List.of(failed), repository.failedWithAttemptsLeft(Recording.MAX_ASSEMBLY_ATTEMPTS));
            assertTrue(repository.lock(exhausted).isPresent());
            assertEquals(List.of("OPEN-customer"), repository.openStreamIdsOpenedBefore(T0.plusSeconds(1)));
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStreamFromBeforeTheCompletenessRecordReadsAsNothingCountedPlacedAtItsFirstPacket(TestDatabase.Kind kind) throws SQLException {
        database = TestDatabase.create(kind);
        migrate("1.1");
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("insert into recorded_call values (1, 'OLD', timestamp with time zone '2026-11-01 10:00:00+00', 0)");
            sql.execute("insert into recording (id, call_id, request_id, record_dn, state, started_at, version)"
                    + " values (1, 1, 'r1', '1001', 'COMPLETED', timestamp with time zone '2026-11-01 10:00:00+00', 0)");
            sql.execute("insert into recording_stream (id, recording_id, dn, side, state, sip_call_id, codec,"
                    + " payload_type, audio_file, opened_at, first_packet_at, end_reason, packets_received,"
                    + " packets_malformed, packets_foreign, packets_late, packets_lost, packets_duplicate,"
                    + " samples_written) values ('old', 1, '1001', 'RECORDED_PARTY', 'ENDED', 'c', 'PCMU', 0, 'o.wav',"
                    + " timestamp with time zone '2026-11-01 10:00:00+00',"
                    + " timestamp with time zone '2026-11-01 10:00:00.120+00', 'REQUESTED', 250, 0, 0, 0, 0, 0, 40000)");
        }
        migrate(null);

        inTransaction(repository -> {
            Recording recording = repository.find(1).orElseThrow();
            RecordingStream stream = recording.streams().get(0);
            assertEquals(new StreamStatistics(250, 0, 0, 0, 0, 0, 40000, 0, 0, 0, 0, 0, 0, 0), stream.statistics());
            assertEquals(Instant.parse("2026-11-01T10:00:00.120Z"), stream.firstSampleAt());
            assertEquals(8000, stream.sampleRate());
            assertEquals(List.of(), stream.gaps());
            assertEquals(List.of(), recording.reasons());
            assertEquals(0, recording.assemblyAttempts());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStreamOfAnUnacknowledgedSessionIsDroppedWithItsRowsAndARecordingLeftEmptyIsDeleted(TestDatabase.Kind kind) throws SQLException {
        database = TestDatabase.create(kind);
        migrate(null);
        long id = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "NOACK");
            recording.stream("NOACK-customer").orElseThrow().sessionUnacknowledged();
            return recording.id();
        });
        inTransaction(repository -> {
            Recording recording = repository.lockByStream("NOACK-customer").orElseThrow();
            assertTrue(recording.stream("NOACK-customer").orElseThrow().isSessionUnacknowledged(), "kept in its column");
            recording.streamEnded("NOACK-customer", new StreamEnd(null, StreamStatistics.NONE,
                    StreamEndReason.REQUESTED, new StreamTimeline(List.of(new StreamGap(0, 80, GapCause.QUIET_SENDER)),
                    0, List.of(), 0)), T0.plusSeconds(32));
            assertEquals(1, recording.dropUnacknowledgedSilentStreams().size());
            return null;
        });
        inTransaction(repository -> {
            Recording recording = repository.find(id).orElseThrow();
            assertEquals(List.of("NOACK-agent"), recording.streams().stream().map(RecordingStream::id).toList(),
                    "the other party's stream stays");
            assertTrue(repository.findStream("NOACK-customer").isEmpty(), "the dropped stream's row is gone");
            recording.stream("NOACK-agent").orElseThrow().sessionUnacknowledged();
            recording.streamEnded("NOACK-agent", requested(), T0.plusSeconds(33));
            assertEquals(List.of(), recording.dropUnacknowledgedSilentStreams(), "it had media (its first sample)");
            return null;
        });
        long empty = inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "GONE");
            for (RecordingStream stream : recording.streams()) {
                stream.sessionUnacknowledged();
                recording.streamEnded(stream.id(), new StreamEnd(null, StreamStatistics.NONE,
                        StreamEndReason.REQUESTED, StreamTimeline.EMPTY), T0.plusSeconds(32));
            }
            recording.dropUnacknowledgedSilentStreams();
            assertTrue(recording.hasNoStreams());
            repository.remove(recording);
            return recording.id();
        });
        inTransaction(repository -> {
            assertTrue(repository.find(empty).isEmpty(), "the recording is deleted");
            assertTrue(repository.find(id).isPresent());
            return null;
        });
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            var rows = sql.executeQuery("select count(*) from recording_stream where recording_id = " + empty);
            rows.next();
            assertEquals(0, rows.getInt(1), "no stream row of it is left");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aStreamReadBeforeItsRecordingIsLockedIsReadAgainOnceTheLockIsHeld(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> twoPartyRecording(repository, "STALE").id());
        try (EntityManager late = sessions().createEntityManager()) {
            late.getTransaction().begin();
            JpaRecordingRepository repository = new JpaRecordingRepository(late);
            RecordingStream seen = repository.findStream("STALE-customer").orElseThrow();
            assertFalse(seen.isSessionUnacknowledged());
            inTransaction(other -> { // what the transaction holding the lock did meanwhile, and committed
                other.lockByStream("STALE-customer").orElseThrow().stream("STALE-customer").orElseThrow()
                        .sessionUnacknowledged();
                return null;
            });
            Recording locked = repository.lockByStream("STALE-customer").orElseThrow();
            assertTrue(locked.stream("STALE-customer").orElseThrow().isSessionUnacknowledged(),
                    "the stream as the lock holder left it, not as first read");
            late.getTransaction().commit();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void streamsChangedOneAfterAnotherUnderTheLockInOneTransactionAllKeepTheirChange(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> twoPartyRecording(repository, "BOTH").id());
        inTransaction(repository -> { // as a SIPREC session given up marks its two streams
            for (String stream : List.of("BOTH-agent", "BOTH-customer")) {
                repository.lockByStream(stream).orElseThrow().stream(stream).orElseThrow().sessionUnacknowledged();
            }
            return null;
        });
        inTransaction(repository -> {
            for (String stream : List.of("BOTH-agent", "BOTH-customer")) {
                assertTrue(repository.findStream(stream).orElseThrow().isSessionUnacknowledged(), stream);
            }
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void lockingARecordingByItsStreamInAFreshTransactionTakesThreeStatements(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> twoPartyRecording(repository, "FEW").id());
        Statistics statistics = statisticsFromNow();
        inTransaction(repository -> { // what a stream's first packet reads (StreamLifecycle.firstPacket)
            Recording recording = repository.lockByStream("FEW-customer").orElseThrow();
            assertEquals(2, recording.streams().size());
            assertEquals(Set.of("FEW-agent"), recording.channelLayout().left().stream().map(RecordingStream::id)
                    .collect(Collectors.toSet()));
            return recording.stream("FEW-customer").orElseThrow();
        });
        assertEquals(3, statistics.getPrepareStatementCount(),
                "the lock found from the stream, the recording with its collections, its streams");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFirstPacketIsStoredOnceUnderTheRecordingsLockInTwoStatementsWithNothingRead(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> {
            Recording recording = twoPartyRecording(repository, "FP");
            recording.streamEnded("FP-agent", requested(), T0.plusSeconds(1));
            return null;
        });
        Statistics statistics = statisticsFromNow();
        assertTrue((boolean) inTransaction(repository -> repository.lockIdByStream("FP-customer").isPresent()
                && repository.firstPacketArrived("FP-customer", T0.plusMillis(30))));
        assertEquals(2, statistics.getPrepareStatementCount(), "the lock found from the stream, the update");
        assertEquals(0, statistics.getEntityLoadCount(), "nothing read");

        assertFalse((boolean) inTransaction(repository -> repository.firstPacketArrived("FP-customer", T0.plusMillis(90))),
                "delivered again: the first report stays");
        assertFalse((boolean) inTransaction(repository -> repository.firstPacketArrived("FP-agent", T0.plusSeconds(2))),
                "the stream has ended: its end brought the better estimate");
        assertFalse((boolean) inTransaction(repository -> repository.firstPacketArrived("NOPE", T0)));
        assertTrue(inTransaction(repository -> repository.lockIdByStream("NOPE")).isEmpty());
        inTransaction(repository -> {
            RecordingStream customer = repository.findStream("FP-customer").orElseThrow();
            assertEquals(T0.plusMillis(30), customer.firstPacketAt());
            assertEquals(T0.plusMillis(30), customer.firstSampleAt(), "the first sample until the end settles it");
            RecordingStream agent = repository.findStream("FP-agent").orElseThrow();
            assertEquals(null, agent.firstPacketAt());
            assertEquals(T0, agent.firstSampleAt(), "what its end said");
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theRowLocksArePlannedOnceNotAtEveryUse(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long id = inTransaction(repository -> twoPartyRecording(repository, "PLAN").id());
        assertEquals(Optional.of(id), inTransaction(repository -> repository.lockIdByStream("PLAN-agent")));
        assertTrue(inTransaction(repository -> repository.lock(id)).isPresent());
        Statistics statistics = statisticsFromNow();
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of(id), inTransaction(repository -> repository.lockIdByStream("PLAN-customer")));
            assertTrue(inTransaction(repository -> repository.lock(id)).isPresent());
        }
        assertEquals(0, statistics.getQueryPlanCacheMissCount(),
                "each lock was planned at its first use; a miss after is a plan made again and another one evicted");
        assertEquals(6, statistics.getQueryPlanCacheHitCount());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anEndWithoutGapsOrKeyPressesReadsNeitherListAndOneWithThemStoresThem(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> twoPartyRecording(repository, "END").id());
        Statistics statistics = statisticsFromNow();
        inTransaction(repository -> repository.lockByStream("END-agent").orElseThrow()
                .streamEnded("END-agent", requested(), T0.plusSeconds(5)));
        String stream = RecordingStream.class.getName();
        assertEquals(0, statistics.getCollectionStatistics(stream + ".gaps").getLoadCount()
                + statistics.getCollectionStatistics(stream + ".dtmf").getLoadCount(), "neither list read");

        StreamTimeline timeline = new StreamTimeline(List.of(new StreamGap(160, 800, GapCause.QUIET_SENDER)), 0,
                List.of(new DtmfTone(400, 5, 640, 10, true)), 0);
        inTransaction(repository -> repository.lockByStream("END-customer").orElseThrow().streamEnded("END-customer",
                new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED, timeline), T0.plusSeconds(5)));
        inTransaction(repository -> {
            assertEquals(List.of(), repository.findStream("END-agent").orElseThrow().gaps());
            RecordingStream customer = repository.findStream("END-customer").orElseThrow();
            assertEquals(timeline.gaps(), customer.gaps());
            assertEquals(timeline.dtmf(), customer.dtmf());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSessionsLatestStreamIsItsOwnReadByItsKeyUnlessItWasStoppedAndRecordedAgain(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> twoPartyRecording(repository, "LATEST").id());
        Statistics statistics = statisticsFromNow();
        assertEquals("LATEST-agent",
                inTransaction(repository -> repository.findLatestOfSession("LATEST-agent").orElseThrow().id()));
        assertEquals(1, statistics.getPrepareStatementCount(), "the stream by its key, and nothing else");
        assertTrue(inTransaction(repository -> repository.findLatestOfSession("NOPE")).isEmpty());

        inTransaction(repository -> { // stopped with its media kept, then recorded again by a new recording, twice
            Recording stopped = repository.lockByStream("LATEST-agent").orElseThrow();
            stopped.streamEnded("LATEST-agent", new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.STOPPED,
                    StreamTimeline.EMPTY), T0.plusSeconds(3));
            Recording again = new Recording(stopped.call(), new RecordingRequestId("again"), new Dn("1001"), Map.of(),
                    T0.plusSeconds(4));
            repository.add(again);
            RecordingStream second = again.continueStream(stopped.stream("LATEST-agent").orElseThrow(), "LATEST-2",
                    "again.wav", T0.plusSeconds(4));
            again.streamEnded(second.id(), new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.STOPPED,
                    StreamTimeline.EMPTY), T0.plusSeconds(6));
            Recording third = new Recording(stopped.call(), new RecordingRequestId("third"), new Dn("1001"), Map.of(),
                    T0.plusSeconds(7));
            repository.add(third);
            third.continueStream(second, "LATEST-3", "third.wav", T0.plusSeconds(7));
            return null;
        });
        assertEquals("LATEST-3",
                inTransaction(repository -> repository.findLatestOfSession("LATEST-agent").orElseThrow().id()));
        assertEquals("LATEST-customer",
                inTransaction(repository -> repository.findLatestOfSession("LATEST-customer").orElseThrow().id()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSessionChoosesAmongTheCallsRecordingsWithoutReadingThemAndReadsTheOneItJoinsOnceUnderItsLock(
            TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long callId = inTransaction(repository -> twoPartyRecording(repository, "JOIN").call().id());
        Statistics statistics = statisticsFromNow();
        inTransaction(repository -> { // what a session's opening does, its call locked
            Call call = repository.entityManager().find(Call.class, callId);
            List<RecordingSummary> summaries = repository.summariesOfCall(call);
            assertEquals(1, summaries.size());
            Recording locked = repository.lock(summaries.get(0).id()).orElseThrow();
            assertEquals(RecordingSummary.of(locked), summaries.get(0));
            assertEquals(2, locked.streams().size());
            return null;
        });
        assertEquals(5, statistics.getPrepareStatementCount(),
                "the call, the summaries, the lock, the recording with its lists, its streams");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSecondLockByStreamWaitsForTheFirstAndReadsWhatItCommitted(TestDatabase.Kind kind) throws Exception {
        database = TestDatabase.create(kind);
        migrate(null);
        inTransaction(repository -> twoPartyRecording(repository, "WAIT").id());
        try (EntityManager first = sessions().createEntityManager()) {
            first.getTransaction().begin();
            new JpaRecordingRepository(first).lockByStream("WAIT-agent").orElseThrow()
                    .pause(T0.plusSeconds(1), "agent"); // a change of the recording's own row: a new version
            first.flush();
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> inTransaction(
                    repository -> repository.lockByStream("WAIT-customer").orElseThrow().isPaused()));
            Thread.sleep(300);
            assertFalse(second.isDone(), "it waits for the lock");
            first.getTransaction().commit();
            assertTrue(second.get(20, TimeUnit.SECONDS), "it reads what the lock holder committed, without a"
                    + " conflict over the version it changed");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRecordingReadBeforeItsLockIsReadAgainUnderItWithoutAConflictOverItsVersion(TestDatabase.Kind kind)
            throws Exception {
        database = TestDatabase.create(kind);
        migrate(null);
        long id = inTransaction(repository -> twoPartyRecording(repository, "JOIN").id());
        try (EntityManager first = sessions().createEntityManager();
             EntityManager joining = sessions().createEntityManager()) {
            first.getTransaction().begin();
            new JpaRecordingRepository(first).lockByStream("JOIN-agent").orElseThrow()
                    .pause(T0.plusSeconds(1), "agent"); // as a stream's end changes the recording's own row
            first.flush();
            joining.getTransaction().begin(); // as a new session of the call finds the call's recordings first
            JpaRecordingRepository intake = new JpaRecordingRepository(joining);
            assertFalse(intake.find(id).orElseThrow().isPaused(), "read before the change is committed");
            CompletableFuture<Boolean> locked = CompletableFuture.supplyAsync(
                    () -> intake.lock(id).orElseThrow().isPaused());
            Thread.sleep(300);
            assertFalse(locked.isDone(), "it waits for the lock");
            first.getTransaction().commit();
            assertTrue(locked.get(20, TimeUnit.SECONDS), "read again under the lock: paused");
            joining.getTransaction().commit();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRequestedRecordingIsKeptFoundWhenItsMediaIsLateAndMadeActiveByItsFirstSession(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        migrate(null);
        long id = inTransaction(repository -> {
            Call call = new Call(new CallUuid("REQUESTED"), T0);
            repository.entityManager().persist(call);
            Recording requested = Recording.requested(call, new RecordingRequestId("rq-1"), new Dn("1001"), T0);
            repository.add(requested);
            return requested.id();
        });

        inTransaction(repository -> {
            assertEquals(List.of(), repository.requestedBefore(T0), "not late yet");
            assertEquals(List.of(id), repository.requestedBefore(T0.plusSeconds(61)));
            Recording requested = repository.lock(id).orElseThrow();
            assertEquals(RecordingState.REQUESTED, requested.state());
            requested.mediaJoins(T0.plusSeconds(2));
            return null;
        });
        inTransaction(repository -> {
            assertEquals(List.of(), repository.requestedBefore(T0.plusSeconds(61)), "active now");
            assertEquals(RecordingState.ACTIVE, repository.find(id).orElseThrow().state());
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void recordingsFinishedBeforeRetentionWasEnforcedGetTheirEndAndThePurgeIsKept(TestDatabase.Kind kind)
            throws SQLException {
        database = TestDatabase.create(kind);
        migrate("12");
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("insert into recorded_call (id, call_uuid, first_seen_at, version)"
                    + " values (1, 'KEPT', timestamp with time zone '2026-11-01 10:00:00+00', 0)");
            String recording = "insert into recording (id, call_id, request_id, record_dn, state, started_at,"
                    + " finished_at, audio_file, retention_days, version) values (%d, 1, 'r%d', '1001', '%s',"
                    + " timestamp with time zone '2026-11-01 10:00:00+00',"
                    + " timestamp with time zone '2026-11-01 10:05:00+00', 'f%d.wav', %s, 0)";
            sql.execute(recording.formatted(1, 1, "COMPLETED", 1, "30"));
            sql.execute(recording.formatted(2, 2, "INCOMPLETE", 2, "1"));
            sql.execute(recording.formatted(3, 3, "COMPLETED", 3, "null"));
            sql.execute(recording.formatted(4, 4, "FAILED", 4, "1"));
        }
        migrate(null);

        inTransaction(repository -> {
            assertEquals(Instant.parse("2026-12-01T10:05:00Z"), repository.find(1).orElseThrow().retainUntil()
                    .orElseThrow(), "finished plus 30 days");
            assertEquals(List.of(), repository.retentionEndedBy(Instant.parse("2026-11-02T10:04:59Z"), 10));
            assertEquals(List.of(2L), repository.retentionEndedBy(Instant.parse("2026-11-02T10:05:00Z"), 10),
                    "one day after it finished; never one without retention or without a file");
            assertEquals(List.of(2L, 1L), repository.retentionEndedBy(Instant.parse("2027-01-01T00:00:00Z"), 10),
                    "the oldest first");
            assertEquals(List.of(2L), repository.retentionEndedBy(Instant.parse("2027-01-01T00:00:00Z"), 1));
            assertEquals("f2.wav", repository.lock(2).orElseThrow().purge(Instant.parse("2026-11-03T00:00:00Z")));
            return null;
        });
        inTransaction(repository -> {
            assertEquals(Instant.parse("2026-11-03T00:00:00Z"), repository.find(2).orElseThrow().purgedAt()
                    .orElseThrow());
            assertEquals(List.of(1L), repository.retentionEndedBy(Instant.parse("2027-01-01T00:00:00Z"), 10),
                    "purged once");
            return null;
        });
    }

    private static Recording twoPartyRecording(JpaRecordingRepository repository, String callUuid) {
        Call call = new Call(new CallUuid(callUuid), T0);
        repository.entityManager().persist(call);
        Recording recording = new Recording(call, new RecordingRequestId("rec-" + callUuid), new Dn("1001"), Map.of(), T0);
        repository.add(recording);
        recording.addStream(new StreamDescription(callUuid + "-agent",
                new Dn("1001"), "call-a", "PCMU", 0, 8000, null, "agent.wav"), T0);
        recording.addStream(new StreamDescription(callUuid + "-customer",
                new Dn("5551234"), "call-b", "PCMU", 0, 8000, null, "customer.wav"), T0);
        return recording;
    }

    private static void endBoth(Recording recording) {
        for (RecordingStream stream : recording.streams()) {
            recording.streamEnded(stream.id(), requested(), T0.plusSeconds(5));
        }
    }

    private static StreamEnd requested() {
        return new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED, StreamTimeline.EMPTY);
    }

    /** Hibernate's counters, on and cleared: what the statements after this take. */
    private Statistics statisticsFromNow() {
        Statistics statistics = sessions().getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        return statistics;
    }

    private <T> T inTransaction(Function<JpaRecordingRepository, T> work) {
        try (EntityManager em = sessions().createEntityManager()) {
            em.getTransaction().begin();
            T result = work.apply(new JpaRecordingRepository(em));
            em.getTransaction().commit();
            return result;
        }
    }

    private void migrate(String target) {
        Flyway flyway = RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader());
        if (target != null) {
            flyway = Flyway.configure(getClass().getClassLoader()).configuration(flyway.getConfiguration())
                    .target(target).load();
        }
        flyway.migrate();
    }

    private SessionFactory sessions() {
        if (sessions == null) {
            sessions = database.hibernate(List.of(Call.class, CallEventEntry.class, Recording.class, RecordingStream.class,
                    UserAccount.class, CallUuidConverter.class, DnConverter.class, RecordingRequestIdConverter.class))
                    .buildSessionFactory();
        }
        return sessions;
    }
}
