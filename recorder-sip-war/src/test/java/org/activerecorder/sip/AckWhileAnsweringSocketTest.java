package org.activerecorder.sip;

import org.activerecorder.sip.stack.JulStackLogger;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.Test;

import javax.sip.message.Response;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Media Server's ACK reaches the recorder while the thread that sent the 200 OK is still inside JAIN-SIP's send:
 * the recorder must take that ACK and not send its 200 again. On loopback under load this happened to about one
 * session in five (a SIP capture of 2,000 sessions at 50 calls a second: the ACK on the wire 1-9 ms after the 200, the
 * 200 sent again 0.5 s later all the same), because JAIN-SIP starts the 2xx's retransmission timer only after the
 * send, and its dialog finds the INVITE an ACK answers through that timer.
 *
 * <p>The window is opened on purpose so the test does not depend on the machine's timing: JAIN-SIP writes the debug
 * line "startRetransmitTimer()" on the answering thread right after the send, and a log handler holds that thread
 * there for 200 ms, in which the simulator's ACK arrives and is processed. The handler also checks that the ACK was
 * processed inside that window, so the test cannot pass without exercising it.
 */
class AckWhileAnsweringSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");
    static final String ANSWERING_THREAD = "answering-";

    @Test
    void anAckThatArrivesWhileThe200IsBeingSentStopsItsRetransmission() throws Exception {
        Logger stackLog = Logger.getLogger(JulStackLogger.CATEGORY);
        Level levelBefore = stackLog.getLevel();
        boolean parentsBefore = stackLog.getUseParentHandlers();
        HoldAfterSend hold = new HoldAfterSend();
        stackLog.setUseParentHandlers(false);
        stackLog.addHandler(hold);
        stackLog.setLevel(Level.FINE);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2,
                task -> new Thread(task, ANSWERING_THREAD + threads.incrementAndGet()));
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(RECORDER_PORT))::get);
        RecordingSipService recorder = RecordingSipService.start(settings,
                StackProperties.forStack("recorder-ack-race"), new InMemoryStreamIntake(), executor);
        try (MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0,
                StackProperties.forStack("media-server-ack-race"), "udp")) {
            MediaServerSimulator.Session session = mediaServer.open("127.0.0.1", RECORDER_PORT, "rec-ack-race",
                    MediaServerSimulator.shapeA("CALL-ACK-RACE", "7001", "7001"), 40000);

            Response again = mediaServer.await(session.invite(), Response.OK, 1_500);
            assertTrue(hold.acksWhileHeld.get() > 0,
                    "the ACK was processed while the answering thread was still in JAIN-SIP's send");
            assertNull(again, "the 200 OK is not sent again: the recorder took the ACK that came while it was sending");
            assertEquals(1, recorder.activeSessions());
        } finally {
            stackLog.removeHandler(hold);
            stackLog.setLevel(levelBefore);
            stackLog.setUseParentHandlers(parentsBefore);
            recorder.stop();
            executor.shutdownNow();
        }
    }

    /** Holds the answering thread where JAIN-SIP starts the 2xx's retransmission timer; counts the ACKs meanwhile. */
    private static final class HoldAfterSend extends Handler {
        private final AtomicInteger held = new AtomicInteger();
        final AtomicInteger acksWhileHeld = new AtomicInteger();

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message == null) {
                return;
            }
            if (message.startsWith("Processing ACK for dialog") && held.get() > 0) {
                acksWhileHeld.incrementAndGet();
            } else if (message.startsWith("startRetransmitTimer() 200")
                    && Thread.currentThread().getName().startsWith(ANSWERING_THREAD)) {
                held.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
            }
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
