package org.activerecorder.it.support;

import org.activerecorder.testsupport.rtp.Played;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plays one two-party call against the recorder as a Media Server does (intake shape A): the recorded agent's
 * session and the customer's, each party's RTP from its script (which may also cue re-INVITEs on its session),
 * the customer starting a little later so that alignment shows, then BYE for both; and waits for the recording.
 */
public final class TwoPartyCall {

    public static final String AGENT_DN = "1001";
    public static final String CUSTOMER_DN = "5551234";
    /** How much later the customer starts: enough to see that the channels are placed by their own start. */
    public static final Duration CUSTOMER_DELAY = Duration.ofMillis(300);

    /** A party's script, made once its session is open (so that cues can re-INVITE on it). */
    @FunctionalInterface
    public interface Party {
        RtpScript script(MediaServerSimulator.Session session);
    }

    private TwoPartyCall() {
    }

    public static RecordedCall play(RecorderServer recorder, MediaServerSimulator mediaServer, String callUuid,
                                    Party agent, Party customer) throws Exception {
        return play(recorder, mediaServer, callUuid, "rec-" + callUuid, AGENT_DN, agent, customer);
    }

    /**
     * The call as the Media Server plays it when call control asked for it: both sessions carry the {@code record=}
     * id of the request, and the recorded DN is {@code agentDn}.
     */
    public static RecordedCall play(RecorderServer recorder, MediaServerSimulator mediaServer, String callUuid,
                                    String recordId, String agentDn, Party agent, Party customer) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (RtpSender agentRtp = new RtpSender();
             RtpSender customerRtp = new RtpSender()) {
            MediaServerSimulator.Session agentSession = mediaServer.open(RecorderServer.HOST, recorder.sipPort(),
                    recordId, MediaServerSimulator.shapeA(callUuid, agentDn, agentDn), agentRtp.port());
            MediaServerSimulator.Session customerSession = mediaServer.open(RecorderServer.HOST, recorder.sipPort(),
                    recordId, MediaServerSimulator.shapeA(callUuid, CUSTOMER_DN, agentDn), customerRtp.port());
            RtpScript agentScript = agent.script(agentSession);
            RtpScript customerScript = customer.script(customerSession);
            Future<Played> agentPlayed = senders.submit(() -> agentRtp.play(agentScript, agentSession.recorderRtp()));
            Thread.sleep(CUSTOMER_DELAY.toMillis());
            Future<Played> customerPlayed = senders.submit(
                    () -> customerRtp.play(customerScript, customerSession.recorderRtp()));
            Played agentSent = agentPlayed.get();
            Played customerSent = customerPlayed.get();
            expectOk(mediaServer.bye(agentSession).getStatusCode(), "BYE of the agent's session");
            expectOk(mediaServer.bye(customerSession).getStatusCode(), "BYE of the customer's session");
            return RecordedCall.finished(recorder, callUuid, agentSent, customerSent, Duration.ofSeconds(60));
        } finally {
            senders.shutdownNow();
        }
    }

    private static void expectOk(int status, String what) {
        if (status != 200) {
            throw new AssertionError(what + " answered " + status);
        }
    }
}
