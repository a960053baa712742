package org.activerecorder.sip.handler;

import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.sdp.AudioSelector;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.junit.jupiter.api.Test;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.SipProvider;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The servlet's dialog-end handling, without sockets: JAIN-SIP's Dialog and ServerTransaction are faked. */
class RecordingSipServletTest {

    private final List<String> ended = new ArrayList<>();
    private final List<Response> sent = new ArrayList<>();
    private final RecordingSessions sessions = new RecordingSessions();
    private final StreamIntake intake = new StreamIntake() {
        @Override
        public StreamAccepted openStream(StreamRequest request) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public List<StreamAccepted> openSession(List<StreamRequest> requests) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void endStream(String streamId) {
            ended.add(streamId);
        }

        @Override
        public void pauseStream(String streamId, java.time.Instant at) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void resumeStream(String streamId, java.time.Instant at) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void describeStreams(org.activerecorder.application.SessionParties parties, java.time.Instant at) {
            throw new UnsupportedOperationException("not used here");
        }
    };
    private final RecordingSipServlet servlet = new RecordingSipServlet(intake, Runnable::run, sessions,
            new Responses(new MessageFactoryImpl(), new HeaderFactoryImpl()), InetAddress.getLoopbackAddress());

    private static SessionAnswer answer() throws Exception {
        SdpOffer offer = SdpOffer.parse(InviteReaderTest.SDP);
        return SessionAnswer.first(offer,
                AudioSelector.select(offer).get(0), InetAddress.getLoopbackAddress(), 20000);
    }

    private static Dialog dialog(String callId, String remoteTag, String localTag) {
        return (Dialog) Proxy.newProxyInstance(Dialog.class.getClassLoader(), new Class<?>[]{Dialog.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getCallId" -> new CallID(callId);
                    case "getRemoteTag" -> remoteTag;
                    case "getLocalTag" -> localTag;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServerTransaction transaction(Request request) {
        return (ServerTransaction) Proxy.newProxyInstance(ServerTransaction.class.getClassLoader(),
                new Class<?>[]{ServerTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequest" -> request;
                    case "sendResponse" -> sent.add((Response) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private RecordingSession session(String localTag) throws Exception {
        Request invite = InviteReaderTest.invite(InviteReaderTest.URI, "", "application/sdp", InviteReaderTest.SDP);
        RecordingSession session = new RecordingSession(new SessionKey("call-id-1@127.0.0.1", "ms1"), localTag, 1,
                transaction(invite));
        sessions.add(session);
        return session;
    }

    @Test
    void anInviteRetransmittedAfterItsTransactionIsIgnored() throws Exception {
        // JAIN-SIP absorbs retransmissions while the INVITE transaction lives; after that the servlet must
        Request invite = InviteReaderTest.invite(InviteReaderTest.URI, "", "application/sdp", InviteReaderTest.SDP);
        session("ours").establish(List.of("stream-7"), answer());
        SipProvider provider = (SipProvider) Proxy.newProxyInstance(SipProvider.class.getClassLoader(),
                new Class<?>[]{SipProvider.class}, (proxy, method, args) -> {
                    throw new AssertionError("no transaction, no response for a retransmission: " + method.getName());
                });
        servlet.doInvite(new RequestEvent(provider, null, null, invite));
        assertEquals(1, sessions.size());
        assertEquals(List.of(), sent);
    }

    @Test
    void aDialogEndedWithoutByeEndsTheStream() throws Exception {
        session("ours").establish(List.of("stream-7"), answer());
        servlet.dialogTerminated(dialog("call-id-1@127.0.0.1", "ms1", "ours"));
        assertEquals(List.of("stream-7"), ended);
        assertEquals(0, sessions.size());
    }

    @Test
    void anotherDialogOfTheSameCallIsNotOurs() throws Exception {
        session("ours").establish(List.of("stream-7"), answer());
        servlet.dialogTerminated(dialog("call-id-1@127.0.0.1", "ms1", "theirs"));
        servlet.dialogTerminated(dialog("call-id-1@127.0.0.1", "ms1", null));
        servlet.dialogTerminated(dialog("other-call", "ms1", "ours"));
        assertEquals(List.of(), ended);
        assertEquals(1, sessions.size());
    }

    @Test
    void anEarlyDialogEndingWhileOpeningAnswersTheInvite() throws Exception {
        RecordingSession opening = session("ours");
        servlet.dialogTerminated(dialog("call-id-1@127.0.0.1", "ms1", null));
        assertEquals(RecordingSession.State.ENDED, opening.state());
        assertEquals(1, sent.size());
        assertEquals(500, sent.get(0).getStatusCode());
        assertTrue(sent.get(0).getReasonPhrase().contains("too long"), sent.get(0).getReasonPhrase());
        assertEquals(List.of(), ended, "the stream is ended by the opener when it arrives, not here");
        assertEquals(0, sessions.size());
    }
}
