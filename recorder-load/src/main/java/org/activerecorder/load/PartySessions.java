package org.activerecorder.load;

import org.activerecorder.testsupport.sip.MediaServerSimulator;

import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Media Server's side of the recording sessions (intake shape A, one session per party), through the test
 * support's JAIN-SIP simulator: an INVITE whose Request-URI names the call, the party's DN and the recorded DN, a
 * sendonly PCMU offer; ACK on 200; BYE at the end. What the recorder answered is returned, never thrown: a load
 * run counts refusals, it does not stop at the first.
 */
final class PartySessions implements AutoCloseable {

    /** The status given for a request no final response came to (JAIN-SIP's own timeout is 32 s). */
    static final int NO_ANSWER = 0;

    private final MediaServerSimulator sip;
    private final String recorderHost;
    private final int recorderPort;
    private final AtomicLong sdpIds = new AtomicLong(System.currentTimeMillis());

    PartySessions(String recorderHost, int recorderPort) throws Exception {
        this.sip = new MediaServerSimulator("127.0.0.1", 0);
        this.recorderHost = recorderHost;
        this.recorderPort = recorderPort;
    }

    /** An established session, or the status that refused it. */
    record Opened(int status, MediaServerSimulator.Session session, long answerNanos) {
        boolean ok() {
            return session != null;
        }

        InetSocketAddress recorderRtp() {
            return session.recorderRtp();
        }
    }

    /** INVITE, wait for the final response, ACK a 200; {@code answerNanos} is INVITE sent to final response read. */
    Opened open(String callUuid, String recordId, String dn, String recordDn, int localRtpPort) {
        try {
            long sdpId = sdpIds.incrementAndGet();
            String uri = MediaServerSimulator.recordingUri(recorderHost, recorderPort, recordId,
                    MediaServerSimulator.shapeA(callUuid, dn, recordDn));
            Request invite = sip.invite(uri, sip.offer(localRtpPort, sdpId, 1, MediaServerSimulator.Direction.SENDONLY),
                    Map.of("X-Genesys-CallUUID", callUuid));
            long sent = System.nanoTime();
            sip.send(invite);
            Response answer = sip.finalResponse(invite);
            long answered = System.nanoTime() - sent;
            if (answer.getStatusCode() != Response.OK) {
                return new Opened(answer.getStatusCode(), null, answered);
            }
            sip.ack(invite, answer);
            var session = new MediaServerSimulator.Session(invite, answer, MediaServerSimulator.rtpAddresses(answer),
                    java.util.List.of(localRtpPort), sdpId, new AtomicLong(
                    ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber()), new AtomicLong(1));
            return new Opened(Response.OK, session, answered);
        } catch (AssertionError noFinalResponse) {
            return new Opened(NO_ANSWER, null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Opened(NO_ANSWER, null, 0);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the INVITE of " + callUuid + " for DN " + dn, e);
        }
    }

    /** BYE in the session; the final response's status ({@link #NO_ANSWER} if none came). */
    int bye(MediaServerSimulator.Session session) {
        try {
            return sip.bye(session).getStatusCode();
        } catch (AssertionError noFinalResponse) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send a BYE", e);
        }
    }

    @Override
    public void close() {
        sip.close();
    }
}
