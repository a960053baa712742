package org.activerecorder.sip;

import org.activerecorder.sip.handler.SessionTimerPolicy;
import org.activerecorder.sip.handler.SessionTimers;
import org.activerecorder.sip.sdp.MediaDirection;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sip.header.ContactHeader;
import java.util.concurrent.CountDownLatch;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialog rules over real sockets: UPDATE (RFC 3311), Require and 420, session timers (RFC 4028) and their
 * expiry, re-offers that change the media. The recorder's Min-SE is 2 s here so that a session expires within the
 * test (RFC 4028's 90 s is the default).
 */
class MidSessionSocketTest {

    static final int MIN_SE = 2;
    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");
    static final String RECORD_URI = RecordingSipServiceSocketTest.RECORD_URI
            .replace(":" + RecordingSipServiceSocketTest.RECORDER_PORT + ";", ":" + RECORDER_PORT + ";");
    static final String OFFER = RecordingSipServiceSocketTest.GENESYS_OFFER;
    static final String SDP = "application/sdp";

    static final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    static ExecutorService executor;
    /** The session timers' scheduler, as the container's managed one: the test's, stopped by the test. */
    static ScheduledExecutorService scheduler;
    static RecordingSipService recorder;
    static MediaServerSimulator mediaServer;

    @BeforeAll
    static void start() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(RECORDER_PORT),
                SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        recorder = RecordingSipService.start(settings, SessionTimers.on(new SessionTimerPolicy(MIN_SE), scheduler),
                StackProperties.forStack("recorder-mid-session"), intake, executor);
        mediaServer = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("media-server-mid"), "udp");
    }

    @AfterAll
    static void stop() throws Exception {
        mediaServer.close();
        recorder.stop();
        assertTrue(!scheduler.isShutdown(), "the service never stops a scheduler it was given");
        scheduler.shutdownNow();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void reset() {
        intake.reset();
        mediaServer.forget();
    }

    /** INVITE (with extra headers), 200, ACK: the 200. */
    private Response established(Map<String, String> headers) throws Exception {
        Map<String, String> single = new java.util.HashMap<>(headers);
        String allow = single.remove("Allow");
        Request invite = mediaServer.invite(RECORD_URI, OFFER, single);
        if (allow != null) {
            for (String method : allow.split(",\\s*")) {
                invite.addHeader(mediaServer.headers.createAllowHeader(method));
            }
        }
        mediaServer.send(invite);
        Response ok = mediaServer.await(invite, Response.OK);
        assertNotNull(ok, "200 OK");
        mediaServer.ack(invite, ok);
        lastInvite = invite;
        return ok;
    }

    private Request lastInvite;

    private Request update(Response ok, long sequence, String sdp, Map<String, String> headers) throws Exception {
        Request update = mediaServer.inDialog(Request.UPDATE, lastInvite, ok, sequence);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            update.setHeader(mediaServer.headers.createHeader(header.getKey(), header.getValue()));
        }
        if (sdp != null) {
            update.setContent(sdp, mediaServer.headers.createContentTypeHeader("application", "sdp"));
        }
        mediaServer.send(update);
        return update;
    }

    private void bye(Response ok, long sequence) throws Exception {
        Request bye = mediaServer.inDialog(Request.BYE, lastInvite, ok, sequence);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK), "200 to BYE");
    }

    /** A header's value as it went on the wire (JAIN-SIP joins a list header's items on one line). */
    private static String value(Response response, String name) {
        return response.toString().lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst().orElse(null);
    }

    @Test
    void anUpdateHoldsAndResumesLikeAReInviteAndIsAnsweredInItsOk() throws Exception {
        Response ok = established(Map.of());
        String streamId = intake.lastStreamId();
        String first = MediaServerSimulator.body(ok);
        String origin = first.lines().filter(line -> line.startsWith("o=")).findFirst().orElseThrow();

        Request hold = update(ok, 2, OFFER.replace("a=sendonly", "a=inactive"), Map.of());
        Response held = mediaServer.await(hold, Response.OK);
        assertNotNull(held, "200 to the UPDATE");
        assertNotNull(held.getHeader(ContactHeader.NAME), "a 2xx to UPDATE carries Contact (RFC 3311 §5.2)");
        assertTrue(value(held, "Content-Type").startsWith(SDP));
        assertEquals(first.replace("a=recvonly", "a=inactive").replace(origin, origin.replace(" 1 IN ", " 2 IN ")),
                MediaServerSimulator.body(held), "answered inactive, version 2, same port and formats");
        assertEquals(streamId, intake.paused.poll(2, TimeUnit.SECONDS), "the stream is paused");

        Request resume = update(ok, 3, OFFER, Map.of());
        Response resumed = mediaServer.await(resume, Response.OK);
        assertNotNull(resumed);
        assertEquals(MediaDirection.RECVONLY,
                SdpOffer.parse(MediaServerSimulator.body(resumed)).media().get(0).direction());
        assertEquals(streamId, intake.resumed.poll(2, TimeUnit.SECONDS), "the stream is resumed");

        Request refresh = update(ok, 4, null, Map.of());
        Response refreshed = mediaServer.await(refresh, Response.OK);
        assertNotNull(refreshed, "an UPDATE without a body is 200");
        assertEquals("", MediaServerSimulator.body(refreshed), "and carries no SDP");

        bye(ok, 5);
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.paused.isEmpty() && intake.resumed.isEmpty(), "one pause, one resume");
        assertEquals(1, intake.opened.size());
    }

    @Test
    void anUpdateForAnUnknownDialogIs481() throws Exception {
        Response ok = established(Map.of());
        Request stranger = mediaServer.inDialog(Request.UPDATE, lastInvite, ok, 2);
        stranger.setHeader(mediaServer.headers.createCallIdHeader(MediaServerSimulator.newCallId()));
        mediaServer.send(stranger);
        assertNotNull(mediaServer.await(stranger, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST), "481");

        Request wrongTag = update(ok, 3, OFFER.replace("a=sendonly", "a=inactive"), Map.of());
        // same Call-ID, another To tag: not our dialog
        assertNotNull(wrongTag);
        Request other = mediaServer.inDialog(Request.UPDATE, lastInvite, ok, 4);
        other.setHeader(mediaServer.headers.createToHeader(
                mediaServer.addresses.createAddress(RECORD_URI), "not-ours"));
        mediaServer.send(other);
        assertNotNull(mediaServer.await(other, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST), "481 for another tag");
        bye(ok, 5);
        // awaited, so that this stream's end cannot land in the next test's queue
        assertEquals(intake.lastStreamId(), intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void everyOkListsUpdateAndWhatWeSupport() throws Exception {
        Response ok = established(Map.of());
        assertTrue(ok.toString().lines().anyMatch(line -> line.startsWith("Allow:") && line.contains("UPDATE")),
                ok.toString());
        assertEquals("siprec,timer", value(ok, "Supported").replace(" ", ""), ok.toString());
        assertNull(ok.getHeader("Session-Expires"), "no timer asked, none given");
        bye(ok, 2);
        // awaited, so that this stream's end cannot land in the next test's queue
        assertEquals(intake.lastStreamId(), intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void aRequireWeDoNotSupportIs420NamingIt() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, OFFER, Map.of("Require", "100rel"));
        invite.addHeader(mediaServer.headers.createHeader("Require", "timer"));
        mediaServer.send(invite);
        Response refused = mediaServer.await(invite, Response.BAD_EXTENSION);
        assertNotNull(refused, "420");
        assertEquals("100rel", value(refused, "Unsupported"), "exactly the tags we lack");
        assertTrue(intake.opened.isEmpty(), "nothing opened");

        Response ok = established(Map.of("Require", "siprec"));
        assertNotNull(ok, "siprec is supported");
        Request update = update(ok, 2, null, Map.of("Require", "precondition"));
        Response updateRefused = mediaServer.await(update, Response.BAD_EXTENSION);
        assertNotNull(updateRefused, "420 inside the dialog too");
        assertEquals("precondition", value(updateRefused, "Unsupported"));
        bye(ok, 3);
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS), "the refused UPDATE left the session as it was");
    }

    @Test
    void aSessionIntervalBelowOurMinimumIs422WithMinSe() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, OFFER, Map.of("Supported", "timer", "Session-Expires", "1"));
        mediaServer.send(invite);
        Response tooSmall = mediaServer.await(invite, 422);
        assertNotNull(tooSmall, "422");
        assertEquals(Integer.toString(MIN_SE), value(tooSmall, "Min-SE"));
        assertTrue(intake.opened.isEmpty());
    }

    @Test
    void aSessionWithoutRefreshIsEndedByOurByeAtItsExpiry() throws Exception {
        Response ok = established(Map.of("Supported", "timer", "Session-Expires", "3;refresher=uac"));
        long acked = System.nanoTime();
        assertEquals("3;refresher=uac", value(ok, "Session-Expires"), "the client refreshes");
        assertEquals("timer", value(ok, "Require"), "refresher=uac needs Require: timer (RFC 4028 §9)");
        String streamId = intake.lastStreamId();

        Request bye = mediaServer.awaitRequest(Request.BYE, 10_000);
        long expired = System.nanoTime();
        assertNotNull(bye, "the recorder sends BYE when no refresh comes");
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "and ends the stream as a normal end");
        assertTrue(intake.abandoned.isEmpty());
        Duration waited = Duration.ofNanos(expired - acked);
        assertTrue(waited.compareTo(Duration.ofMillis(1800)) >= 0 && waited.compareTo(Duration.ofMillis(4000)) < 0,
                "3 s less a third: about 2 s after the ACK, was " + waited);
        assertEquals(MediaServerSimulator.toTag(ok), ((javax.sip.header.FromHeader) bye.getHeader("From")).getTag(),
                "the BYE is on the session's dialog");
        assertEquals(0, org.activerecorder.testsupport.Await.until("sessions", Duration.ofSeconds(2),
                recorder::activeSessions, n -> n == 0));
    }

    @Test
    void anUpdateRefreshesTheSessionAndPostponesItsExpiry() throws Exception {
        Response ok = established(Map.of("Supported", "timer", "Session-Expires", "3"));
        Thread.sleep(1000); // a refresher refreshes before expiry; this one at half-time
        Request refresh = update(ok, 2, null, Map.of("Supported", "timer", "Session-Expires", "4"));
        Response refreshed = mediaServer.await(refresh, Response.OK);
        long at = System.nanoTime();
        assertNotNull(refreshed);
        assertEquals("4;refresher=uac", value(refreshed, "Session-Expires"), "negotiated anew");

        Request bye = mediaServer.awaitRequest(Request.BYE, 10_000);
        Duration waited = Duration.ofNanos(System.nanoTime() - at);
        assertNotNull(bye);
        assertTrue(waited.compareTo(Duration.ofMillis(2500)) >= 0,
                "4 s less a third counted from the refresh (2.67 s), not from the ACK; was " + waited);
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
    }

    /** A client that names no other methods than these: it takes UPDATE, so the recorder refreshes with UPDATE. */
    static final String ALLOW_UPDATE = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE";

    /** A header's value in a request as it went on the wire. */
    private static String value(Request request, String name) {
        return request.toString().lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst().orElse(null);
    }

    @Test
    void aClientAskingUsToRefreshGetsOurUpdatesAtHalfTheIntervalAndItsSessionLivesOn() throws Exception {
        long confirmedBefore = recorder.sessionTimerCounters().refreshesConfirmed();
        Response ok = established(Map.of("Supported", "timer", "Require", "timer", "Allow", ALLOW_UPDATE,
                "Session-Expires", MIN_SE + ";refresher=uas"));
        long acked = System.nanoTime();
        assertEquals(MIN_SE + ";refresher=uas", value(ok, "Session-Expires"), "RFC 4028 §9: the refresher it asked");
        assertEquals("timer", value(ok, "Require"), "§9: SHOULD, as the client supports timer");
        String streamId = intake.lastStreamId();

        int refreshes = 3 * 2 * MIN_SE / 2 + 1; // past three intervals at one refresh each half interval
        long previous = acked;
        for (int i = 0; i < refreshes; i++) {
            Request refresh = mediaServer.awaitRequest(Request.UPDATE, 5_000);
            long at = System.nanoTime();
            assertNotNull(refresh, "refresh " + (i + 1) + " came");
            Duration gap = Duration.ofNanos(at - previous);
            assertTrue(gap.compareTo(Duration.ofMillis(MIN_SE * 500L - 250)) >= 0
                            && gap.compareTo(Duration.ofMillis(MIN_SE * 500L + 600)) < 0,
                    "at half the interval (RFC 4028 §10) after the ACK or the last refresh; was " + gap);
            previous = at;
            assertEquals(MIN_SE + ";refresher=uac", value(refresh, "Session-Expires"),
                    "in its own UPDATE the recorder is the UAC, and goes on refreshing (RFC 4028 §7.4)");
            assertTrue(value(refresh, "Supported").contains("timer"), refresh.toString());
            assertNull(refresh.getRawContent(), "an UPDATE refresh offers nothing");
            assertEquals(MediaServerSimulator.toTag(ok),
                    ((javax.sip.header.FromHeader) refresh.getHeader("From")).getTag(), "on the session's dialog");
        }
        assertNull(intake.ended.poll(), "the stream " + streamId + " lives on past three intervals");
        assertEquals(1, recorder.activeSessions());
        assertTrue(recorder.sessionTimerCounters().refreshesConfirmed() - confirmedBefore >= refreshes - 1,
                recorder.sessionTimerCounters().summary());
        bye(ok, 2);
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "the client's BYE ends it");
    }

    @Test
    void aRefreshAnswered481EndsTheSessionWithOurBye() throws Exception {
        long failedBefore = recorder.sessionTimerCounters().refreshesFailed();
        mediaServer.answerRefreshesWith(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        Response ok = established(Map.of("Supported", "timer", "Allow", ALLOW_UPDATE,
                "Session-Expires", MIN_SE + ";refresher=uas"));
        String streamId = intake.lastStreamId();

        assertNotNull(mediaServer.awaitRequest(Request.UPDATE, 5_000), "the recorder refreshes");
        Request bye = mediaServer.awaitRequest(Request.BYE, 5_000);
        assertNotNull(bye, "481: the session is over, and the recorder says so with its BYE");
        assertEquals(MediaServerSimulator.toTag(ok), ((javax.sip.header.FromHeader) bye.getHeader("From")).getTag());
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "its stream ended as a normal end");
        assertTrue(intake.abandoned.isEmpty());
        assertEquals(0, org.activerecorder.testsupport.Await.until("sessions", Duration.ofSeconds(2),
                recorder::activeSessions, n -> n == 0));
        assertEquals(failedBefore + 1, recorder.sessionTimerCounters().refreshesFailed());
    }

    @Test
    void aRefreshAnswered408EndsTheSessionAsA481Does() throws Exception {
        long failedBefore = recorder.sessionTimerCounters().refreshesFailed();
        mediaServer.answerRefreshesWith(Response.REQUEST_TIMEOUT);
        Response ok = established(Map.of("Supported", "timer", "Allow", ALLOW_UPDATE,
                "Session-Expires", MIN_SE + ";refresher=uas"));
        String streamId = intake.lastStreamId();

        assertNotNull(mediaServer.awaitRequest(Request.UPDATE, 5_000), "the recorder refreshes");
        assertNotNull(mediaServer.awaitRequest(Request.BYE, 5_000), "408: the session is over (RFC 3261 12.2.1.2)");
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "its stream ended as a normal end");
        assertTrue(intake.abandoned.isEmpty());
        assertEquals(failedBefore + 1, recorder.sessionTimerCounters().refreshesFailed());
    }

    /**
     * A 500 leaves the session as it was and the refresh is tried again at half of the time left before the expiry,
     * never sooner than a second: with a 2 s interval a third of a second is left, no try fits, and the session ends
     * as an expiry ends it. The retries themselves, at RFC 4028's intervals, are {@link SessionRefreshRetrySocketTest}'s.
     */
    @Test
    void aRefreshAnswered500WithNoTimeForAnotherTryEndsTheSessionAsItsExpiryWould() throws Exception {
        long failedBefore = recorder.sessionTimerCounters().refreshesFailed();
        mediaServer.answerRefreshesWith(Response.SERVER_INTERNAL_ERROR);
        established(Map.of("Supported", "timer", "Allow", ALLOW_UPDATE, "Session-Expires", MIN_SE + ";refresher=uas"));
        String streamId = intake.lastStreamId();

        assertNotNull(mediaServer.awaitRequest(Request.UPDATE, 5_000), "the recorder refreshes");
        assertNotNull(mediaServer.awaitRequest(Request.BYE, 5_000), "no time to try again before the expiry: BYE");
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "its stream ended as a normal end");
        assertEquals(failedBefore + 1, recorder.sessionTimerCounters().refreshesFailed());
    }

    @Test
    void aClientWithoutTimerSupportLeavesTheRefreshesToUsWithoutRequire() throws Exception {
        Response ok = established(Map.of("Allow", ALLOW_UPDATE, "Session-Expires", Integer.toString(MIN_SE)));
        assertEquals(MIN_SE + ";refresher=uas", value(ok, "Session-Expires"), "RFC 4028 §9, Table 2: uas");
        assertNull(value(ok, "Require"), "no Require: timer to a client that does not support it");
        assertNotNull(mediaServer.awaitRequest(Request.UPDATE, 5_000), "the recorder refreshes");
        bye(ok, 2);
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatDoesNotAllowUpdateIsRefreshedWithAReInviteOfferingOurAnswer() throws Exception {
        Response ok = established(Map.of("Supported", "timer", "Session-Expires", MIN_SE + ";refresher=uas"));
        for (int i = 0; i < 2; i++) {
            Request refresh = mediaServer.awaitRequest(Request.INVITE, 5_000);
            assertNotNull(refresh, "no Allow: UPDATE, so a re-INVITE (RFC 4028 §7.4)");
            assertEquals(MIN_SE + ";refresher=uac", value(refresh, "Session-Expires"));
            assertEquals(MediaServerSimulator.body(ok), new String(refresh.getRawContent(),
                    java.nio.charset.StandardCharsets.UTF_8), "its offer is our current answer: the media stay");
            assertNotNull(mediaServer.awaitRequest(Request.ACK, 2_000), "the 2xx to it is acknowledged");
        }
        assertNull(intake.ended.poll(), "the session lives on");
        bye(ok, 2);
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void aRefreshAnswered422IsSentAgainWithItsMinSe() throws Exception {
        mediaServer.refreshMinimum(MIN_SE + 1);
        Response ok = established(Map.of("Supported", "timer", "Allow", ALLOW_UPDATE,
                "Session-Expires", MIN_SE + ";refresher=uas"));
        Request first = mediaServer.awaitRequest(Request.UPDATE, 5_000);
        assertNotNull(first);
        assertEquals(MIN_SE + ";refresher=uac", value(first, "Session-Expires"));
        Request retried = mediaServer.awaitRequest(Request.UPDATE, 1_000);
        assertNotNull(retried, "sent again at once after the 422");
        assertEquals((MIN_SE + 1) + ";refresher=uac", value(retried, "Session-Expires"), "with the Min-SE it named");
        assertEquals(Integer.toString(MIN_SE + 1), value(retried, "Min-SE"), "and the Min-SE itself (RFC 4028 §7.4)");
        long at = System.nanoTime();
        Request next = mediaServer.awaitRequest(Request.UPDATE, 5_000);
        Duration gap = Duration.ofNanos(System.nanoTime() - at);
        assertNotNull(next, "the session goes on with the longer interval");
        assertTrue(gap.compareTo(Duration.ofMillis((MIN_SE + 1) * 500L - 300)) >= 0, "half of the new interval: " + gap);
        bye(ok, 2);
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void aByeStopsTheTimer() throws Exception {
        Response ok = established(Map.of("Supported", "timer", "Session-Expires", "2"));
        String streamId = intake.lastStreamId();
        bye(ok, 2);
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS));
        // the expiry would have come 1.33 s after the ACK: wait for a later session's expiry instead of sleeping
        Response second = established(Map.of("Supported", "timer", "Session-Expires", "2"));
        Request bye = mediaServer.awaitRequest(Request.BYE, 10_000);
        assertNotNull(bye);
        assertEquals(MediaServerSimulator.toTag(second), ((javax.sip.header.FromHeader) bye.getHeader("From")).getTag(),
                "the only BYE is the second session's: the first's timer stopped with its BYE");
        assertEquals(intake.lastStreamId(), intake.ended.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.ended.isEmpty());
    }

    @Test
    void aReofferThatRenamesTheRecordedPayloadTypeIs488AndTheSessionGoesOn() throws Exception {
        Response ok = established(Map.of());
        Request renamed = update(ok, 2, OFFER.replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMA/8000"), Map.of());
        Response refused = mediaServer.await(renamed, Response.NOT_ACCEPTABLE_HERE);
        assertNotNull(refused, "488: the stream decodes PCMU and must not take PCMA for it");
        assertEquals("Not Acceptable Here: re-offer changes the recorded audio stream", refused.getReasonPhrase(),
                "a fixed phrase: the codecs are named in the log");

        Request moved = update(ok, 3, OFFER.replace("m=audio 31000", "m=audio 31100")
                .replace("c=IN IP4 127.0.0.1", "c=IN IP4 127.0.0.2"), Map.of());
        Response followed = mediaServer.await(moved, Response.OK);
        assertNotNull(followed, "a new sender address or port is accepted");
        assertEquals(MediaServerSimulator.body(ok), MediaServerSimulator.body(followed), "and the answer is the same");
        assertEquals(intake.lastStreamId() + " 127.0.0.2:31100", intake.followed.poll(2, TimeUnit.SECONDS),
                "the media plane is told to prefer the new address");
        Request again = update(ok, 4, OFFER.replace("m=audio 31000", "m=audio 31100")
                .replace("c=IN IP4 127.0.0.1", "c=IN IP4 127.0.0.2").replace("a=sendonly", "a=inactive"), Map.of());
        assertNotNull(mediaServer.await(again, Response.OK));
        assertEquals(intake.lastStreamId(), intake.paused.poll(2, TimeUnit.SECONDS), "the hold reached the intake");
        assertTrue(intake.followed.isEmpty(), "the same address again is no move (the hold came after it, in order)");
        bye(ok, 5);
        assertEquals(List.of(intake.lastStreamId()), List.of(intake.ended.poll(2, TimeUnit.SECONDS)));
    }

    /**
     * RFC 3311 §5.2: while a re-INVITE's answer waits for its hold to run, an UPDATE with an offer of the same session
     * gets 500 with a Retry-After of up to 10 s (not 491: the recorder has no offer of its own pending), another
     * re-INVITE JAIN-SIP's own 491; an UPDATE without an offer is taken and answered in its turn; once the hold has run, the first is
     * answered 200 and the session takes offers again.
     */
    @Test
    void anOfferWhileThePreviousIsUnansweredIs500WithRetryAfter() throws Exception {
        Response ok = established(Map.of());
        String streamId = intake.lastStreamId();
        CountDownLatch holdRunning = intake.holdPauses();

        Request hold = mediaServer.inDialog(Request.INVITE, lastInvite, ok, 2);
        hold.setContent(OFFER.replace("a=sendonly", "a=inactive"),
                mediaServer.headers.createContentTypeHeader("application", "sdp"));
        mediaServer.send(hold);
        assertEquals(streamId, intake.paused.poll(2, TimeUnit.SECONDS), "the hold is running");

        Request crossing = update(ok, 3, OFFER, Map.of());
        Response pending = mediaServer.await(crossing, Response.SERVER_INTERNAL_ERROR);
        assertNotNull(pending, "500 to an UPDATE offer while the re-INVITE is unanswered");
        RetryAfterHeader retry = (RetryAfterHeader) pending.getHeader(RetryAfterHeader.NAME);
        assertNotNull(retry, "with Retry-After");
        assertTrue(retry.getRetryAfter() >= 0 && retry.getRetryAfter() <= 10, "0 to 10 s: " + retry.getRetryAfter());

        Request secondReInvite = mediaServer.inDialog(Request.INVITE, lastInvite, ok, 4);
        secondReInvite.setContent(OFFER, mediaServer.headers.createContentTypeHeader("application", "sdp"));
        mediaServer.send(secondReInvite);
        // JAIN-SIP answers a re-INVITE while the dialog's previous INVITE transaction is pending itself, with 491,
        // when the pending INVITE is still the dialog's last transaction; after the UPDATE above it may not be (its
        // bookkeeping races with the UPDATE's answer: one CI run of many), and the recorder answers it as RFC 3261
        // §14.2 asks, 500 with Retry-After. Both make the client retry; the session goes on either way
        Response refused = mediaServer.finalResponse(secondReInvite);
        assertTrue(refused.getStatusCode() == Response.REQUEST_PENDING
                        || refused.getStatusCode() == Response.SERVER_INTERNAL_ERROR
                        && refused.getHeader(RetryAfterHeader.NAME) != null,
                "491, or 500 with Retry-After, to a second re-INVITE: " + refused);

        Request refresh = update(ok, 5, null, Map.of());

        holdRunning.countDown();
        Response held = mediaServer.await(hold, Response.OK);
        assertNotNull(held, "the first re-INVITE is answered once its hold has run");
        assertNotNull(mediaServer.await(refresh, Response.OK), "an UPDATE without an offer goes through, after it");
        mediaServer.ack(hold, held);
        Request resume = update(ok, 6, OFFER, Map.of());
        assertNotNull(mediaServer.await(resume, Response.OK), "offers are taken again");
        assertEquals(streamId, intake.resumed.poll(2, TimeUnit.SECONDS), "and the stream resumes");
        bye(ok, 7);
        // awaited, so that this stream's end cannot land in the next test's queue
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS));
    }
}
