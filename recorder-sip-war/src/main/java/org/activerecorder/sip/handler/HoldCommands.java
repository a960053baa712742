package org.activerecorder.sip.handler;

import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamIntake;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pauses and resumes of streams (re-INVITE and UPDATE holds), the moves of their senders, and corrections of who a
 * SIPREC session's streams carry (metadata updates), sent to the stream intake off the SIP event thread, one at a
 * time and in the order the requests came. A pool runs tasks in any order: a resume overtaking its hold would
 * leave the stream paused (pausing what is already resumed, for good), so the commands queue here and one task on
 * the executor at a time works the queue. Holds are rare (a few per call at most), so one queue for all sessions
 * costs nothing and keeps the order for free.
 */
final class HoldCommands {

    private static final Logger LOG = Logger.getLogger(HoldCommands.class.getName());

    private final StreamIntake intake;
    private final Executor executor;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    HoldCommands(StreamIntake intake, Executor executor) {
        this.intake = intake;
        this.executor = executor;
    }

    /** The Media Server stopped sending at {@code at} (a re-INVITE to inactive or recvonly). */
    void pause(String streamId, Instant at) {
        submit("pause", streamId, () -> intake.pauseStream(streamId, at));
    }

    /** The Media Server sends again from {@code at} (a re-INVITE back to sendonly or sendrecv). */
    void resume(String streamId, Instant at) {
        submit("resume", streamId, () -> intake.resumeStream(streamId, at));
    }

    /** The sender of the stream moved to {@code source} (a re-INVITE or UPDATE named a new address or port). */
    void follow(String streamId, InetSocketAddress source) {
        submit("follow the sender of", streamId, () -> intake.followSender(streamId, source));
    }

    /**
     * Runs {@code then} once every command queued before it has run: at once, on the calling thread, when none is
     * waiting. A re-offer's answer is sent this way, because the sender starts sending on our answer: sent before a
     * resume has run, its first packets would be silenced as part of the pause it ends (seen under load: 40 ms of
     * a resumed line lost).
     */
    void then(Runnable then) {
        synchronized (this) {
            if (draining) {
                queue.add(logged(then, "A task after hold commands failed"));
                return;
            }
        }
        then.run();
    }

    /**
     * A SIPREC metadata update changed who is who in a session (see {@link SiprecUpdates}): queued with the holds, so
     * that two updates in a row reach the recording in the order they were sent and the last one wins.
     */
    void describe(SessionParties parties, Instant at) {
        submit("describe", parties.streams().get(0).streamId(), () -> intake.describeStreams(parties, at));
    }

    private void submit(String what, String streamId, Runnable call) {
        Runnable command = logged(call, "Cannot " + what + " stream " + streamId);
        synchronized (this) {
            queue.add(command);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            int dropped;
            synchronized (this) {
                dropped = queue.size();
                queue.clear();
                draining = false;
            }
            // A dropped hold: the gap is still silence in the recording, only its cause (a signalled pause) is lost.
            // A dropped description: the recording keeps the channels it had, which the log says here.
            LOG.warning(() -> "Cannot " + what + " stream " + streamId + ": the executor refused the task ("
                    + stopping.getMessage() + "); " + dropped + " command(s) dropped");
        }
    }

    /** A queued task: whatever it throws is logged, so the tasks after it still run. */
    private static Runnable logged(Runnable task, String failureMessage) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                LOG.log(Level.SEVERE, failureMessage, failure);
            }
        };
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
