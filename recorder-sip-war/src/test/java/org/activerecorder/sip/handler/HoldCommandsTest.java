package org.activerecorder.sip.handler;

import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Holds and resumes reach the intake in the order they were asked, whatever order the executor runs tasks in. */
class HoldCommandsTest {

    private final List<String> calls = new ArrayList<>();
    private final StreamIntake intake = new StreamIntake() {
        @Override
        public StreamAccepted openStream(StreamRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StreamAccepted> openSession(List<StreamRequest> requests) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void endStream(String streamId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pauseStream(String streamId, Instant at) {
            calls.add("pause " + streamId + " at " + at.getEpochSecond());
        }

        @Override
        public void resumeStream(String streamId, Instant at) {
            calls.add("resume " + streamId + " at " + at.getEpochSecond());
        }

        @Override
        public void describeStreams(SessionParties parties, Instant at) {
            calls.add("describe " + parties.streams().get(0).streamId() + " as " + parties.recordDn() + " at "
                    + at.getEpochSecond());
        }
    };

    /** An executor that keeps tasks until told, then runs them newest first: the worst a pool can do. */
    private final List<Runnable> pending = new ArrayList<>();
    private final Executor reordering = pending::add;

    private void runPendingNewestFirst() {
        while (!pending.isEmpty()) {
            List<Runnable> batch = new ArrayList<>(pending);
            pending.clear();
            Collections.reverse(batch);
            batch.forEach(Runnable::run);
        }
    }

    @Test
    void twoMetadataCorrectionsReachTheRecordingInOrderAmongTheHolds() {
        HoldCommands holds = new HoldCommands(intake, reordering);
        holds.pause("s1", Instant.ofEpochSecond(10));
        holds.describe(parties("4711"), Instant.ofEpochSecond(11));
        holds.describe(parties("4712"), Instant.ofEpochSecond(12));
        holds.resume("s1", Instant.ofEpochSecond(13));
        runPendingNewestFirst();
        assertEquals(List.of("pause s1 at 10", "describe s1 as 4711 at 11", "describe s1 as 4712 at 12",
                "resume s1 at 13"), calls, "the last correction wins");
    }

    private static SessionParties parties(String recordDn) {
        return new SessionParties(new Dn(recordDn), List.of(new StreamParty("s1", new Dn(recordDn),
                StreamSide.RECORDED_PARTY)), Map.of(), "test");
    }

    @Test
    void aResumeNeverOvertakesItsHold() {
        HoldCommands holds = new HoldCommands(intake, reordering);
        holds.pause("s1", Instant.ofEpochSecond(10));
        holds.resume("s1", Instant.ofEpochSecond(20));
        holds.pause("s2", Instant.ofEpochSecond(21));
        holds.pause("s1", Instant.ofEpochSecond(30));
        runPendingNewestFirst();
        assertEquals(List.of("pause s1 at 10", "resume s1 at 20", "pause s2 at 21", "pause s1 at 30"), calls);

        holds.resume("s1", Instant.ofEpochSecond(40));
        runPendingNewestFirst();
        assertEquals("resume s1 at 40", calls.get(calls.size() - 1), "the queue works again after it ran dry");
    }

    @Test
    void aFailingCallDoesNotStopTheOnesAfterIt() {
        StreamIntake failing = new StreamIntake() {
            @Override
            public StreamAccepted openStream(StreamRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<StreamAccepted> openSession(List<StreamRequest> requests) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void endStream(String streamId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void pauseStream(String streamId, Instant at) {
                throw new IllegalStateException("media plane gone");
            }

            @Override
            public void resumeStream(String streamId, Instant at) {
                calls.add("resume " + streamId);
            }

            @Override
            public void describeStreams(org.activerecorder.application.SessionParties parties, java.time.Instant at) {
                throw new UnsupportedOperationException();
            }
        };
        HoldCommands holds = new HoldCommands(failing, reordering);
        holds.pause("s1", Instant.EPOCH);
        holds.resume("s1", Instant.EPOCH);
        runPendingNewestFirst();
        assertEquals(List.of("resume s1"), calls);
    }

    @Test
    void anExecutorThatRefusesDropsTheCommandsAndTakesLaterOnes() {
        boolean[] refuse = {true};
        HoldCommands holds = new HoldCommands(intake, task -> {
            if (refuse[0]) {
                throw new RejectedExecutionException("stopping");
            }
            task.run();
        });
        holds.pause("s1", Instant.ofEpochSecond(1));
        refuse[0] = false;
        holds.resume("s1", Instant.ofEpochSecond(2));
        assertEquals(List.of("resume s1 at 2"), calls);
    }

    @Test
    void anAnswerWaitsForTheResumeItFollowsSoThatNoPacketComesBeforeTheStreamRecordsAgain() {
        HoldCommands holds = new HoldCommands(intake, reordering);
        holds.resume("s1", Instant.ofEpochSecond(5));
        holds.then(() -> calls.add("answer sent"));
        assertEquals(List.of(), calls, "nothing sent while the resume waits for the executor");
        runPendingNewestFirst();
        assertEquals(List.of("resume s1 at 5", "answer sent"), calls);
    }

    @Test
    void anAnswerWithNoCommandWaitingLeavesAtOnce() {
        HoldCommands holds = new HoldCommands(intake, reordering);
        holds.then(() -> calls.add("answer sent"));
        assertEquals(List.of("answer sent"), calls);
        assertEquals(List.of(), pending, "no executor task for it");
    }
}
