package org.activerecorder.sip;

import org.activerecorder.sip.admission.SessionTimerCounters;
import org.activerecorder.sip.handler.SessionTimerPolicy;
import org.activerecorder.sip.handler.SessionTimers;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our session refreshes (RFC 4028, the recorder the refresher) answered with a failure that lets them be tried again,
 * over real sockets, with RFC 4028's own intervals (Min-SE 90 s, a 300 s session): the session timers run on a
 * {@link FastClock}, {@value #FACTOR} times faster than real time, so that minutes pass in seconds. Times are checked
 * in the clock's time: a retry comes at half of what is left before the session expires.
 */
class SessionRefreshRetrySocketTest {

    static final long FACTOR = 40;
    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");
    static final String RECORD_URI = RecordingSipServiceSocketTest.RECORD_URI
            .replace(":" + RecordingSipServiceSocketTest.RECORDER_PORT + ";", ":" + RECORDER_PORT + ";");
    static final String ALLOW_UPDATE = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE";
    /** Real jitter (transactions, threads) seen in the clock's time: 40 ms real is 1.6 s. */
    static final Duration SLACK = Duration.ofMillis(3_000);

    static final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    static ExecutorService executor;
    static FastClock clock;
    static RecordingSipService recorder;
    static MediaServerSimulator mediaServer;

    @BeforeAll
    static void start() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        clock = new FastClock(FACTOR);
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(RECORDER_PORT),
                SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        recorder = RecordingSipService.start(settings,
                SessionTimers.on(new SessionTimerPolicy(90), clock.scheduler(), clock::nanoTime),
                StackProperties.forStack("recorder-refresh-retry"), intake, executor);
        mediaServer = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("media-server-retry"), "udp");
    }

    @AfterAll
    static void stop() throws Exception {
        mediaServer.close();
        recorder.stop();
        clock.close();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void reset() {
        intake.reset();
        mediaServer.forget();
    }

    private Request invite;

    /** INVITE asking the recorder to refresh every {@code interval} s, with UPDATE allowed; 200; ACK. */
    private Response established(int interval) throws Exception {
        invite = mediaServer.invite(RECORD_URI, RecordingSipServiceSocketTest.GENESYS_OFFER,
                Map.of("Supported", "timer", "Session-Expires", interval + ";refresher=uas"));
        for (String method : ALLOW_UPDATE.split(",\\s*")) {
            invite.addHeader(mediaServer.headers.createAllowHeader(method));
        }
        mediaServer.send(invite);
        Response ok = mediaServer.await(invite, Response.OK);
        assertNotNull(ok, "200 OK");
        mediaServer.ack(invite, ok);
        return ok;
    }

    /** The next refresh, and when it came in the clock's time. */
    private record Seen(Request refresh, long at) {
    }

    /** The next refresh on the dialog {@code ok} established (a test that failed may leave another session). */
    private Seen refresh(Response ok, String what) throws InterruptedException {
        while (true) {
            Request refresh = mediaServer.awaitRequest(Request.UPDATE, 10_000);
            long at = clock.nanoTime();
            assertNotNull(refresh, what);
            if (MediaServerSimulator.toTag(ok).equals(((FromHeader) refresh.getHeader(FromHeader.NAME)).getTag())) {
                return new Seen(refresh, at);
            }
        }
    }

    private static void assertAbout(Duration expected, long fromNanos, long toNanos, String what) {
        Duration gap = Duration.ofNanos(toNanos - fromNanos);
        assertTrue(gap.compareTo(expected.minusMillis(500)) >= 0 && gap.compareTo(expected.plus(SLACK)) <= 0,
                what + ": expected about " + expected + ", was " + gap);
    }

    @Test
    void aRefreshAnswered500ThenAcceptedKeepsTheSessionWithOneRetryCounted() throws Exception {
        SessionTimerCounters counters = recorder.sessionTimerCounters();
        long retried = counters.refreshesRetried();
        long confirmed = counters.refreshesConfirmed();
        long failed = counters.refreshesFailed();
        mediaServer.answerNextRefreshesWith(Response.SERVER_INTERNAL_ERROR);
        Response ok = established(90);
        long acked = clock.nanoTime();
        String streamId = intake.lastStreamId();

        Seen first = refresh(ok, "the refresh at half the interval");
        assertAbout(Duration.ofSeconds(45), acked, first.at(), "RFC 4028 §10: half the interval after the ACK");
        // 90 s: the session expires 60 s after the ACK, 15 s after the refresh; a quarter of the interval (22.5 s)
        // came too late and ended the session, half of what is left (7.5 s) still leaves a margin.
        Seen retry = refresh(ok, "the refresh answered 500 is tried again");
        assertAbout(Duration.ofMillis(7_500), first.at(), retry.at(), "half of the 15 s left before the expiry");
        Seen next = refresh(ok, "the session lives on: the next refresh");
        assertAbout(Duration.ofSeconds(45), retry.at(), next.at(), "half the interval after the refresh that passed");

        assertNull(mediaServer.awaitRequest(Request.BYE, 0), "no BYE from the recorder");
        assertNull(intake.ended.poll(), "the stream " + streamId + " lives on");
        assertEquals(1, recorder.activeSessions());
        assertEquals(retried + 1, counters.refreshesRetried(), counters.summary());
        Await.until("the refresh that passed and the next confirmed", Duration.ofSeconds(2),
                counters::refreshesConfirmed, n -> n >= confirmed + 2);
        assertEquals(failed, counters.refreshesFailed(), counters.summary());

        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK), "200 to BYE");
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "the client's BYE ends it");
    }

    /**
     * A 300 s interval, past the 128 s from which the old quarter-interval retry had room at all: every refresh
     * answered 500, each try at half of what is left (118 s after the refresh at 150 s: 59, 29.5, 14.75 s), then the
     * session ends at the retry limit, before it would expire, with our BYE and its stream ended as a normal end.
     */
    @Test
    void aLongIntervalsRefreshIsTriedAgainAtHalfTheTimeLeftUntilTheLimitThenTheSessionEnds() throws Exception {
        SessionTimerCounters counters = recorder.sessionTimerCounters();
        long retried = counters.refreshesRetried();
        long failed = counters.refreshesFailed();
        long ended = counters.sessionsEnded();
        mediaServer.answerRefreshesWith(Response.SERVER_INTERNAL_ERROR);
        Response ok = established(300);
        long acked = clock.nanoTime();
        String streamId = intake.lastStreamId();

        Seen previous = refresh(ok, "the refresh at half the interval");
        assertAbout(Duration.ofSeconds(150), acked, previous.at(), "RFC 4028 §10: half the interval after the ACK");
        long left = Duration.ofSeconds(300 - 32 - 150).toMillis();
        for (int i = 1; i <= 3; i++) {
            Seen retry = refresh(ok, "try " + i + " again");
            left /= 2;
            assertAbout(Duration.ofMillis(left), previous.at(), retry.at(), "try " + i + ": half of what is left");
            previous = retry;
        }
        Request bye = mediaServer.awaitRequest(Request.BYE, 5_000);
        long byeAt = clock.nanoTime();
        assertNotNull(bye, "three tries failed: the session is over, and the recorder says so with its BYE");
        assertEquals(MediaServerSimulator.toTag(ok), ((FromHeader) bye.getHeader(FromHeader.NAME)).getTag());
        assertTrue(Duration.ofNanos(byeAt - acked).compareTo(Duration.ofSeconds(300 - 32)) < 0,
                "ended at the retry limit, before the session would expire: " + Duration.ofNanos(byeAt - acked));
        assertNull(mediaServer.awaitRequest(Request.UPDATE, 0), "no fourth try");
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "its stream ended as a normal end");
        assertTrue(intake.abandoned.isEmpty());
        assertEquals(retried + 3, counters.refreshesRetried(), counters.summary());
        assertEquals(failed + 1, counters.refreshesFailed(), counters.summary());
        assertEquals(ended + 1, counters.sessionsEnded(), counters.summary());
        assertEquals(0, Await.until("sessions", Duration.ofSeconds(2),
                recorder::activeSessions, n -> n == 0));
    }
}
