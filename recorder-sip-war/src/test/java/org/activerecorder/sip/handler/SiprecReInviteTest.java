package org.activerecorder.sip.handler;

import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.admission.SessionAdmission;
import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.sip.siprec.ChannelRule;
import org.activerecorder.sip.siprec.Refusal;
import org.activerecorder.sip.siprec.SiprecCounters;
import org.activerecorder.sip.siprec.SiprecSettings;
import org.activerecorder.sip.siprec.SiprecState;
import org.activerecorder.sip.siprec.StreamChannel;
import org.junit.jupiter.api.Test;

import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIPREC session's re-INVITE, without sockets (JAIN-SIP's provider and transaction faked): its multipart body's
 * metadata is merged into what the session knew, the recording is told when who is who changed (once), and the answer
 * is an SRS's.
 */
class SiprecReInviteTest {

    /** The caller alone sends label 10; the callee, who joins later, will send label 11. */
    private static final String SDP = "v=0\r\no=SRC 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=label:10\r\na=sendonly\r\n"
            + "m=audio 40002 RTP/AVP 0\r\na=label:11\r\na=sendonly\r\n";

    private final List<Response> sent = new ArrayList<>();
    private final List<String> paused = new ArrayList<>();
    private final List<SessionParties> described = new ArrayList<>();
    private final RecordingSessions sessions = new RecordingSessions();
    private final SiprecSettings settings = new SiprecSettings(Optional.empty(), List.of("4711"));
    private final RecordingSipServlet servlet = new RecordingSipServlet(new Intake(), Runnable::run, sessions,
            new Responses(new MessageFactoryImpl(), new HeaderFactoryImpl()), InetAddress.getLoopbackAddress(),
            settings, SessionTimers.ownThread(SessionTimerPolicy.from(name -> null)), new SessionAdmission(SipLimits.DEFAULTS, sessions,
            Runnable::run, new SipCounters()));

    private final class Intake implements StreamIntake {
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
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void pauseStream(String streamId, Instant at) {
            paused.add(streamId);
        }

        @Override
        public void resumeStream(String streamId, Instant at) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void describeStreams(SessionParties parties, Instant at) {
            described.add(parties);
        }
    }

    private static String multipart(String sdp, String metadataFixture) {
        return "--b\r\nContent-Type: application/sdp\r\n\r\n" + sdp + "\r\n--b\r\n"
                + "Content-Type: application/rs-metadata+xml\r\n\r\n"
                + SiprecInviteReaderTest.resource("/siprec/metadata/" + metadataFixture) + "\r\n--b--\r\n";
    }

    /** The session the INVITE opened, established on streams s1 and s2. */
    private RecordingSession established() throws Exception {
        Request invite = InviteReaderTest.invite(SiprecInviteReaderTest.SRS_URI, SiprecInviteReaderTest.SRC_HEADERS,
                "multipart/mixed;boundary=b", multipart(SDP, "join-initial.xml"));
        SiprecInviteReader.SiprecOffer read = new SiprecInviteReader(settings).read(invite);
        RecordingSession session = new RecordingSession(new SessionKey("call-id-1@127.0.0.1", "ms1"), "ours", 1,
                transaction(invite));
        session.siprec(read.state());
        session.establish(List.of("s1", "s2"), SessionAnswer.first(read.offer().offer(), read.offer().audio(),
                InetAddress.getLoopbackAddress(), List.of(20000, 20002)));
        sessions.add(session);
        return session;
    }

    private Request reInvite(String body) throws Exception {
        Request reInvite = InviteReaderTest.invite(SiprecInviteReaderTest.SRS_URI, SiprecInviteReaderTest.SRC_HEADERS,
                "multipart/mixed;boundary=b", body);
        ((ToHeader) reInvite.getHeader(ToHeader.NAME)).setTag("ours");
        return reInvite;
    }

    private void send(Request reInvite) {
        servlet.doReInvite(new RequestEvent(provider(), transaction(reInvite), null, reInvite));
    }

    @Test
    void theCalleeJoiningByReInviteAsTheConfiguredDnBecomesTheRecordedPartyAndTheRecordingIsToldOnce()
            throws Exception {
        RecordingSession session = established();
        assertEquals(ChannelRule.ELIMINATION, session.siprec().orElseThrow().channels().streams().get(1).rule());

        send(reInvite(multipart(SDP, "join-update.xml")));

        assertEquals(1, sent.size());
        Response ok = sent.get(0);
        assertEquals(200, ok.getStatusCode());
        assertTrue(ok.getHeader(ContactHeader.NAME).toString().contains("+sip.srs"), ok.toString());
        assertTrue(ok.getHeader("Require").toString().contains("siprec"), ok.toString());
        SiprecState state = session.siprec().orElseThrow();
        assertEquals(2, state.metadata().orElseThrow().participants().size(), "the callee joined");
        StreamChannel callee = state.channels().streams().get(1);
        assertEquals(ChannelRule.METADATA, callee.rule(), "the metadata now says who sends label 11");
        assertEquals("sip:4711@pbx.example.com", callee.sender().orElseThrow().aor());
        assertEquals("sip:4711@pbx.example.com", state.channels().recordedParty().orElseThrow().aor(),
                "the callee is the configured DN: the first participant was only a default");

        assertEquals(1, described.size(), "the recording is told");
        SessionParties parties = described.get(0);
        assertEquals(new Dn("4711"), parties.recordDn());
        assertEquals(List.of(new StreamParty("s1", new Dn("+15550100003"), StreamSide.OTHER_PARTY),
                new StreamParty("s2", new Dn("4711"), StreamSide.RECORDED_PARTY)), parties.streams());
        assertEquals("CONFIGURED_DN", parties.attributes().get("siprec.channelRule"));
        assertEquals("4711", parties.attributes().get("siprec.recordedDn"));
        assertEquals("sip:4711@pbx.example.com", parties.attributes().get("siprec.participant.2.aor"));
        assertTrue(parties.attributes().get(SiprecUpdates.CORRECTED_ATTRIBUTE).endsWith(
                " by a metadata update in re-INVITE: recorded party by CONFIGURED_DN (4711); "
                        + "m-line 1 METADATA right, m-line 2 METADATA left"),
                parties.attributes().get(SiprecUpdates.CORRECTED_ATTRIBUTE));
        assertEquals("SIPREC metadata update in re-INVITE", parties.cause());
        assertEquals(1, servletCounters().channelCorrections());

        send(reInvite(multipart(SDP, "join-update.xml")));
        assertEquals(200, sent.get(1).getStatusCode());
        assertEquals(1, described.size(), "the same metadata again tells the recording nothing new");
        assertEquals(2, servletCounters().metadataUpdates());
        assertEquals(List.of(), paused, "nothing held");
    }

    @Test
    void aReInviteWithBrokenMetadataIs400AndChangesNothing() throws Exception {
        RecordingSession session = established();
        SiprecState before = session.siprec().orElseThrow();

        send(reInvite("--b\r\nContent-Type: application/sdp\r\n\r\n" + SDP.replace("a=sendonly", "a=inactive")
                + "\r\n--b\r\nContent-Type: application/rs-metadata+xml\r\n\r\n<recording><oops\r\n--b--\r\n"));

        assertEquals(400, sent.get(0).getStatusCode());
        assertSame(before, session.siprec().orElseThrow());
        assertEquals(List.of(), paused, "the hold in the refused offer is not applied");
        assertEquals(List.of(), described);
        assertEquals(1, servletCounters().refusals(Refusal.Reason.MALFORMED_METADATA), "counted by its reason");
    }

    private SiprecCounters servletCounters() {
        return servlet.siprecCounters();
    }

    private ServerTransaction transaction(Request request) {
        return (ServerTransaction) Proxy.newProxyInstance(ServerTransaction.class.getClassLoader(),
                new Class<?>[]{ServerTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequest" -> request;
                    case "sendResponse" -> sent.add((Response) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static SipProvider provider() {
        ListeningPoint point = (ListeningPoint) Proxy.newProxyInstance(ListeningPoint.class.getClassLoader(),
                new Class<?>[]{ListeningPointExt.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createContactHeader" -> new HeaderFactoryImpl().createContactHeader(
                            new gov.nist.javax.sip.address.AddressFactoryImpl().createAddress("sip:127.0.0.1:5060"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (SipProvider) Proxy.newProxyInstance(SipProvider.class.getClassLoader(),
                new Class<?>[]{SipProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getListeningPoint" -> point;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
