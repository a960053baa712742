package org.activerecorder.sip.handler;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.sip.siprec.SiprecSettings;
import org.junit.jupiter.api.Test;

import javax.sip.ServerTransaction;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIPREC metadata update applied while the session's streams open on another thread (the intake held, as a slow
 * database holds it), without sockets: {@link StreamOpening} and {@link SiprecUpdates} together, the way the servlet
 * drives them. Whichever comes second tells the streams the latest channels, once.
 */
class SiprecUpdateWhileOpeningTest {

    /** The caller alone sends label 10; the callee, who joins later, will send label 11. */
    private static final String SDP = "v=0\r\no=SRC 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=label:10\r\na=sendonly\r\n"
            + "m=audio 40002 RTP/AVP 0\r\na=label:11\r\na=sendonly\r\n";

    private final SiprecSettings settings = new SiprecSettings(Optional.empty(), List.of("4711"));
    private final SiprecInviteReader reader = new SiprecInviteReader(settings);
    private final BlockingQueue<SessionParties> described = new LinkedBlockingQueue<>();
    private final BlockingQueue<Response> sent = new LinkedBlockingQueue<>();
    private final CountDownLatch opening = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HoldCommands holds = new HoldCommands(new HeldIntake(), Runnable::run);
    private final SiprecUpdates updates = new SiprecUpdates(reader.channelRules(), holds, reader.counters());

    /** Opens s1 and s2 once released; tells the test when it is asked. */
    private final class HeldIntake implements StreamIntake {
        @Override
        public StreamAccepted openStream(StreamRequest request) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public List<StreamAccepted> openSession(List<StreamRequest> requests) {
            opening.countDown();
            try {
                assertTrue(release.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            InetAddress loopback = InetAddress.getLoopbackAddress();
            return List.of(new StreamAccepted("s1", 100, new InetSocketAddress(loopback, 20000)),
                    new StreamAccepted("s2", 100, new InetSocketAddress(loopback, 20002)));
        }

        @Override
        public void endStream(String streamId) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public void pauseStream(String streamId, Instant at) {
            throw new UnsupportedOperationException("not used here");
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

    private static String multipart(String metadataFixture) {
        return "--b\r\nContent-Type: application/sdp\r\n\r\n" + SDP + "\r\n--b\r\n"
                + "Content-Type: application/rs-metadata+xml\r\n\r\n"
                + SiprecInviteReaderTest.resource("/siprec/metadata/" + metadataFixture) + "\r\n--b--\r\n";
    }

    private static Request request(String metadataFixture) throws Exception {
        return InviteReaderTest.invite(SiprecInviteReaderTest.SRS_URI, SiprecInviteReaderTest.SRC_HEADERS,
                "multipart/mixed;boundary=b", multipart(metadataFixture));
    }

    /** The INVITE's session (the caller the recorded party: the callee is not named yet) and its opening. */
    private record Opening(RecordingSession session, Thread thread) {
    }

    private Opening open() throws Exception {
        Request invite = request("join-initial.xml");
        SiprecInviteReader.SiprecOffer read = reader.read(invite);
        RecordingSession session = new RecordingSession(new SessionKey("call-id-1@127.0.0.1", "src1"), "ours", 1,
                transaction(invite));
        session.siprec(read.state());
        RecordingSessions sessions = new RecordingSessions();
        sessions.add(session);
        ContactHeader contact = new HeaderFactoryImpl().createContactHeader(
                new AddressFactoryImpl().createAddress("sip:127.0.0.1:5060"));
        StreamOpening.Context context = new StreamOpening.Context(new HeldIntake(),
                new Responses(new MessageFactoryImpl(), new HeaderFactoryImpl()), sessions, holds,
                InetAddress.getLoopbackAddress());
        Thread thread = new Thread(new StreamOpening(session, read.offer(), contact, Instant.now(), context),
                "opening");
        thread.start();
        assertTrue(opening.await(5, TimeUnit.SECONDS), "the streams are opening");
        return new Opening(session, thread);
    }

    @Test
    void anUpdateWhileTheStreamsOpenIsToldToThemOnceTheyAreOpen() throws Exception {
        Opening opened = open();

        updates.apply(opened.session(), reader.metadataUpdate(request("join-update.xml")).orElseThrow(),
                Instant.now(), "UPDATE");
        assertTrue(described.isEmpty(), "no streams to tell yet");
        release.countDown();
        opened.thread().join(5_000);

        assertEquals(Response.OK, sent.poll(5, TimeUnit.SECONDS).getStatusCode(), "the INVITE is answered");
        SessionParties parties = described.poll();
        assertNotNull(parties, "the streams are told the update's channels once they are open");
        assertEquals(new Dn("4711"), parties.recordDn());
        assertEquals(List.of(new StreamParty("s1", new Dn("+15550100003"), StreamSide.OTHER_PARTY),
                new StreamParty("s2", new Dn("4711"), StreamSide.RECORDED_PARTY)), parties.streams(),
                "the callee joined as the configured DN: the recorded party, on the second line");
        assertTrue(parties.attributes().get(SiprecUpdates.CORRECTED_ATTRIBUTE)
                .contains(" by a metadata update in UPDATE: recorded party by CONFIGURED_DN (4711)"), parties.toString());
        assertTrue(described.isEmpty(), "told once: " + described);
        assertEquals(1, reader.counters().channelCorrections());

        updates.apply(opened.session(), reader.metadataUpdate(request("join-update.xml")).orElseThrow(),
                Instant.now(), "UPDATE");
        assertTrue(described.isEmpty(), "the same metadata again tells nothing: " + described);
    }

    @Test
    void withoutAnUpdateTheOpenedStreamsAreToldNothing() throws Exception {
        Opening opened = open();
        release.countDown();
        opened.thread().join(5_000);
        assertEquals(Response.OK, sent.poll(5, TimeUnit.SECONDS).getStatusCode());
        assertEquals(RecordingSession.State.ESTABLISHED, opened.session().state());
        assertTrue(described.isEmpty(), "nothing changed since the INVITE: " + described);
        assertEquals(0, reader.counters().channelCorrections());
    }

    private ServerTransaction transaction(Request request) {
        return (ServerTransaction) Proxy.newProxyInstance(ServerTransaction.class.getClassLoader(),
                new Class<?>[]{ServerTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequest" -> request;
                    case "sendResponse" -> sent.add((Response) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
