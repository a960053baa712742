package org.activerecorder.load;

import org.activerecorder.testsupport.sip.MediaServerSimulator;

import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Media Server's side of the recording sessions (intake shape A, one session per party), through the test
 * support's JAIN-SIP simulator: an INVITE whose Request-URI names the call, the party's DN and the recorded DN, a
 * sendonly offer of the run's codec; ACK on 200; BYE at the end. What the recorder answered is returned, never
 * thrown: a load
 * run counts refusals, it does not stop at the first.
 *
 * <p>A 200 OK the recorder sends again means our ACK did not reach it (a busy recorder's SIP socket overflows);
 * a user agent then sends the ACK again (RFC 3261 13.2.2.4), or the recorder ends the session after 32 s. The
 * simulator keeps such retransmissions in its inbox without acting on them, so each session's inbox is looked at 2
 * and 8 s after the ACK (while the recorder still retransmits) and the ACK repeated when a 200 came again.
 */
final class PartySessions implements AutoCloseable {

    /** The status given for a request no final response came to (JAIN-SIP's own timeout is 32 s). */
    static final int NO_ANSWER = 0;

    private final MediaServerSimulator sip;
    private final String recorderHost;
    private final int recorderPort;
    private final LoadCodec codec;
    private final AtomicLong sdpIds = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong repeatedAcks = new AtomicLong();
    private final ScheduledExecutorService retransmissions = Executors.newSingleThreadScheduledExecutor();

    PartySessions(String recorderHost, int recorderPort, LoadCodec codec) throws Exception {
        this.sip = new MediaServerSimulator("127.0.0.1", 0);
        this.recorderHost = recorderHost;
        this.recorderPort = recorderPort;
        this.codec = codec;
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
            String offer = sip.offer(List.of(localRtpPort), sdpId, 1,
                    List.of(MediaServerSimulator.Direction.SENDONLY), List.of(codec.offered()));
            Request invite = sip.invite(uri, offer, Map.of("X-Genesys-CallUUID", callUuid));
            long sent = System.nanoTime();
            sip.send(invite);
            Response answer = sip.finalResponse(invite);
            long answered = System.nanoTime() - sent;
            if (answer.getStatusCode() != Response.OK) {
                return new Opened(answer.getStatusCode(), null, answered);
            }
            sip.ack(invite, answer);
            for (long after : new long[]{2, 8}) {
                retransmissions.schedule(() -> ackAgainIfRetransmitted(invite, answer), after, TimeUnit.SECONDS);
            }
            var session = new MediaServerSimulator.Session(invite, answer, MediaServerSimulator.rtpAddresses(answer),
                    List.of(localRtpPort), sdpId, new AtomicLong(
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

    private void ackAgainIfRetransmitted(Request invite, Response answer) {
        try {
            boolean again = false;
            while (sip.await(invite, Response.OK, 1) != null) {
                again = true;
            }
            if (again) {
                repeatedAcks.incrementAndGet();
                sip.ack(invite, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the recorder will end the session, and the run's audit says so
        }
    }

    /** ACKs sent again because the recorder retransmitted its 200 OK (it had not received the first ACK). */
    long repeatedAcks() {
        return repeatedAcks.get();
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
        retransmissions.shutdownNow();
        sip.close();
    }
}
