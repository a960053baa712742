package org.activerecorder.testsupport.sip;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a Genesys Media Server against the recorder (intake shape A) with a real JAIN-SIP stack on 127.0.0.1:
 * one INVITE per party with {@code sip:record=<id>@recorder;calluuid=..;dn=..;recordDN=..} and a sendonly
 * PCMU/PCMA/telephone-event offer, or one INVITE for both parties ({@code ;otherDN=..}) with an audio m-line per
 * party; ACK, re-INVITEs that hold and resume (all lines, or each on its own), BYE.
 *
 * <p>Two levels, one class: {@link #open}, {@link #reInvite}, {@link #bye} run whole transactions for tests of
 * what the recorder records; {@link #invite(String, String)}, {@link #request}, {@link #inDialog}, {@link #send},
 * {@link #await} build and send requests by hand, so that tests of the SIP side can also send wrong ones. Dialogs
 * are kept by the test, not by JAIN-SIP (automatic dialog support is off): nothing is sent that the test did not
 * ask for. Responses are kept per request, so several sessions can run at once from one simulator.
 *
 * <p>It can also play a SIPREC client ({@link #openSiprec}, {@link #siprecInvite}): the same offer with labelled
 * lines, in a {@code multipart/mixed} body with the recording metadata.
 */
public final class MediaServerSimulator implements SipListener, AutoCloseable {

    private static final Pattern M_LINE = Pattern.compile("(?m)^m=audio (\\d+) ");
    private static final Pattern C_LINE = Pattern.compile("(?m)^c=IN IP[46] (\\S+)");
    private static final Duration FINAL_RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    /** The direction attribute of an offer, from the Media Server's side. */
    public enum Direction {
        /** Sending the party's audio (what a recording session normally offers). */
        SENDONLY,
        /** Sending and receiving: the same for a recorder. */
        SENDRECV,
        /** Receiving only: the Media Server sends nothing (a hold). */
        RECVONLY,
        /** Neither: a hold. */
        INACTIVE;

        String attribute() {
            return "a=" + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An established recording session, as the Media Server keeps it.
     *
     * @param invite        the INVITE that opened it
     * @param answer        the 200 OK that answered it (its To tag and Contact make the dialog)
     * @param recorderRtps  where the recorder wants each audio line's RTP (the answer's c= and audio m= lines, in
     *                      order; port 0 for a line it refused)
     * @param localRtpPorts the RTP port each audio line of the offer announced, in order
     * @param sdpSessionId  the offer's o= session id (kept in re-offers)
     * @param sequence      the last CSeq number used in the dialog
     * @param sdpVersion    the last o= version offered
     */
    public record Session(Request invite, Response answer, List<InetSocketAddress> recorderRtps,
                          List<Integer> localRtpPorts, long sdpSessionId, AtomicLong sequence, AtomicLong sdpVersion) {
        public Session {
            recorderRtps = List.copyOf(recorderRtps);
            localRtpPorts = List.copyOf(localRtpPorts);
        }

        /** Where the recorder wants the first audio line's RTP. */
        public InetSocketAddress recorderRtp() {
            return recorderRtps.get(0);
        }

        /** The RTP port the offer's first audio line announced. */
        public int localRtpPort() {
            return localRtpPorts.get(0);
        }
    }

    public final MessageFactory messages;
    public final HeaderFactory headers;
    public final AddressFactory addresses;
    private final SipStack stack;
    private final SipProvider provider;
    private final String host;
    private final int port;
    private final ResponseInbox inbox = new ResponseInbox();
    private final java.util.concurrent.BlockingQueue<Request> requests = new java.util.concurrent.LinkedBlockingQueue<>();
    /** The ACK sent for each 2xx to an INVITE, sent again if that 2xx is retransmitted. */
    private final Map<String, Request> acked = new java.util.concurrent.ConcurrentHashMap<>();
    /** The status the recorder's session refreshes (UPDATE) get; 200 unless a test makes it fail. */
    private volatile int refreshAnswer = Response.OK;
    /** Refreshes asking a shorter session interval than this are answered 422 with it as Min-SE (0: none are). */
    private volatile int refreshMinimum;
    private final java.util.Queue<Integer> nextRefreshAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * A simulator on UDP {@code host:port} (port 0: any free port) whose stack logs through log4j 1.x (reload4j on
     * the classpath).
     */
    public MediaServerSimulator(String host, int port) throws Exception {
        this(host, port, new Properties(), "udp");
    }

    /**
     * @param stackProperties JAIN-SIP properties to add (a logger of the caller's, say); the stack name and
     *                        automatic dialog support are set here
     * @param transports      {@code udp} and/or {@code tcp}, all on the same port
     */
    public MediaServerSimulator(String host, int port, Properties stackProperties, String... transports)
            throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.putAll(stackProperties);
        properties.setProperty("javax.sip.STACK_NAME", "media-server-simulator-" + UUID.randomUUID());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.putIfAbsent("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // One thread handles what arrives, in order, as a simple user agent does. With several, a 100 Trying and
        // the 200 OK sent a millisecond after it were handled at once: the 200 ended the client transaction first
        // and the 100 was then absorbed, so a test waiting for it failed now and then.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        this.stack = factory.createSipStack(properties);
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        SipProvider created = null;
        int bound = port == 0 ? FreePort.forSip(host, transports) : port;
        for (String transport : transports) {
            ListeningPoint point = stack.createListeningPoint(host, bound, transport);
            if (created == null) {
                created = stack.createSipProvider(point);
            } else {
                created.addListeningPoint(point);
            }
        }
        if (created == null) {
            throw new IllegalArgumentException("no transport");
        }
        this.provider = created;
        this.provider.addSipListener(this);
        this.host = host;
        this.port = bound;
    }

    /** The port the simulator listens on (the one the system chose, when it was asked for port 0). */
    public int port() {
        return port;
    }

    // ---- whole transactions ----

    /** The Request-URI parameters of a shape A session: {@code calluuid}, {@code dn}, {@code recordDN}, in order. */
    public static Map<String, String> shapeA(String callUuid, String dn, String recordDn) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("calluuid", callUuid);
        parameters.put("dn", dn);
        parameters.put("recordDN", recordDn);
        return parameters;
    }

    /**
     * The Request-URI parameters of one session for both parties: {@code calluuid}, {@code dn} (the first audio
     * line's party), {@code otherDN} (the second's), {@code recordDN}, in order.
     */
    public static Map<String, String> bothParties(String callUuid, String dn, String otherDn, String recordDn) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("calluuid", callUuid);
        parameters.put("dn", dn);
        parameters.put("otherDN", otherDn);
        parameters.put("recordDN", recordDn);
        return parameters;
    }

    /** The Request-URI {@code sip:record=<id>@host:port;<parameters>}. */
    public static String recordingUri(String recorderHost, int recorderPort, String recordId,
                                      Map<String, String> uriParameters) {
        StringBuilder uri = new StringBuilder("sip:record=").append(recordId).append('@').append(recorderHost)
                .append(':').append(recorderPort);
        uriParameters.forEach((name, value) -> uri.append(';').append(name).append('=').append(value));
        return uri.toString();
    }

    /**
     * INVITE with a sendonly offer of one audio line per port in {@code localRtpPorts} (one session per party: one
     * port; one session for both parties: two, the {@code dn} party's first), then ACK on 200: an established session.
     */
    public Session open(String recorderHost, int recorderPort, String recordId, Map<String, String> uriParameters,
                        int... localRtpPorts) throws Exception {
        return open(recorderHost, recorderPort, recordId, uriParameters,
                java.util.Arrays.stream(localRtpPorts).mapToObj(port -> Direction.SENDONLY).toList(), localRtpPorts);
    }

    /** The same with each audio line's direction given: a line may be offered on hold ({@code inactive}). */
    public Session open(String recorderHost, int recorderPort, String recordId, Map<String, String> uriParameters,
                        List<Direction> directions, int... localRtpPorts) throws Exception {
        long sdpSessionId = System.currentTimeMillis();
        List<Integer> ports = java.util.Arrays.stream(localRtpPorts).boxed().toList();
        Request invite = invite(recordingUri(recorderHost, recorderPort, recordId, uriParameters),
                offer(ports, sdpSessionId, 1, directions));
        send(invite);
        Response ok = finalResponse(invite);
        if (ok.getStatusCode() != Response.OK) {
            throw new AssertionError("INVITE answered " + ok.getStatusCode() + " " + ok.getReasonPhrase());
        }
        ack(invite, ok);
        return new Session(invite, ok, rtpAddresses(ok), ports, sdpSessionId, new AtomicLong(1), new AtomicLong(1));
    }

    // ---- SIPREC (RFC 7866): the same sessions as a Session Recording Client sends them ----

    /** The boundary of the multipart bodies the simulator sends. */
    public static final String BOUNDARY = "siprec-boundary-42";

    /**
     * A SIPREC session (RFC 7866) to {@code requestUri} ({@code sip:srs@host:port}): a sendonly offer of one labelled
     * audio line per port (labels 1, 2, ..; two lines or more), with the {@code metadata} document in a
     * {@code multipart/mixed} body, {@code Require: siprec} and a Contact with {@code +sip.src}; ACKed when answered 200.
     *
     * @throws AssertionError when the INVITE is not answered 200
     */
    public Session openSiprec(String requestUri, String metadata, int... localRtpPorts) throws Exception {
        return siprecSession(requestUri, metadata, true, localRtpPorts);
    }

    /** A SIPREC session like {@link #openSiprec}'s whose 200 OK is never ACKed. */
    public Session openSiprecWithoutAck(String requestUri, String metadata, int... localRtpPorts) throws Exception {
        return siprecSession(requestUri, metadata, false, localRtpPorts);
    }

    private Session siprecSession(String requestUri, String metadata, boolean acked, int... localRtpPorts)
            throws Exception {
        long sdpSessionId = System.currentTimeMillis();
        List<Integer> ports = java.util.Arrays.stream(localRtpPorts).boxed().toList();
        String sdp = offer(ports, sdpSessionId, 1, ports.stream().map(port -> Direction.SENDONLY).toList());
        Request invite = siprecInvite(requestUri, sdp, metadata, Map.of());
        send(invite);
        Response ok = finalResponse(invite);
        if (ok.getStatusCode() != Response.OK) {
            throw new AssertionError("SIPREC INVITE answered " + ok.getStatusCode() + " " + ok.getReasonPhrase());
        }
        if (acked) {
            ack(invite, ok);
        }
        return new Session(invite, ok, rtpAddresses(ok), ports, sdpSessionId, new AtomicLong(1), new AtomicLong(1));
    }

    /**
     * A SIPREC INVITE, unsent: {@code Require: siprec}, Contact with {@code +sip.src}, the extra headers, and a
     * {@code multipart/mixed} body of the SDP and the metadata (SDP alone when {@code metadata} is null).
     */
    public Request siprecInvite(String requestUri, String sdp, String metadata, Map<String, String> extraHeaders)
            throws Exception {
        Request request = request(Request.INVITE, requestUri, newCallId(), 1);
        request.setHeader(headers.createHeader("Require", "siprec"));
        ((ContactHeader) request.getHeader(ContactHeader.NAME)).setParameter("+sip.src", null);
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            request.setHeader(headers.createHeader(header.getKey(), header.getValue()));
        }
        if (metadata == null) {
            request.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "sdp"));
        } else {
            setMultipart(request, multipart(sdp, metadata));
        }
        return request;
    }

    /** Sets a {@code multipart/mixed;boundary=}{@value #BOUNDARY} body (see {@link #multipart}). */
    public void setMultipart(Request request, String body) throws Exception {
        javax.sip.header.ContentTypeHeader type = headers.createContentTypeHeader("multipart", "mixed");
        type.setParameter("boundary", BOUNDARY);
        request.setContent(body.getBytes(StandardCharsets.UTF_8), type);
    }

    /** RFC 7866's body: the SDP part, then the metadata part with its {@code recording-session} disposition. */
    public static String multipart(String sdp, String metadata) {
        return "--" + BOUNDARY + "\r\nContent-Type: application/sdp\r\n\r\n" + sdp + "\r\n--" + BOUNDARY
                + "\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n"
                + metadata + "\r\n--" + BOUNDARY + "--\r\n";
    }

    /**
     * A re-INVITE in the session with the same offer in another direction (its o= version one higher), ACKed when
     * answered 200.
     *
     * @param directions one for every audio line, or one for them all
     * @return the final response
     */
    public Response reInvite(Session session, Direction... directions) throws Exception {
        List<Direction> lines = directions.length == 1
                ? session.localRtpPorts().stream().map(port -> directions[0]).toList()
                : List.of(directions);
        Request reInvite = inDialog(Request.INVITE, session.invite(), session.answer(),
                session.sequence().incrementAndGet());
        reInvite.setContent(offer(session.localRtpPorts(), session.sdpSessionId(),
                session.sdpVersion().incrementAndGet(), lines), headers.createContentTypeHeader("application", "sdp"));
        send(reInvite);
        Response response = finalResponse(reInvite);
        if (response.getStatusCode() == Response.OK) {
            ack(reInvite, response);
        }
        return response;
    }

    /**
     * An INVITE like {@link #open}'s whose 200 OK is never ACKed, as when the ACK is lost: the session as the Media
     * Server would have kept it, for sending media to the recorder all the same.
     */
    public Session openWithoutAck(String recorderHost, int recorderPort, String recordId,
                                  Map<String, String> uriParameters, int... localRtpPorts) throws Exception {
        long sdpSessionId = System.currentTimeMillis();
        List<Integer> ports = java.util.Arrays.stream(localRtpPorts).boxed().toList();
        List<Direction> directions = ports.stream().map(port -> Direction.SENDONLY).toList();
        Request invite = invite(recordingUri(recorderHost, recorderPort, recordId, uriParameters),
                offer(ports, sdpSessionId, 1, directions));
        send(invite);
        Response ok = finalResponse(invite);
        if (ok.getStatusCode() != Response.OK) {
            throw new AssertionError("INVITE answered " + ok.getStatusCode() + " " + ok.getReasonPhrase());
        }
        return new Session(invite, ok, rtpAddresses(ok), ports, sdpSessionId, new AtomicLong(1), new AtomicLong(1));
    }

    /**
     * An UPDATE (RFC 3311) in the session with the same offer in another direction (its o= version one higher): the
     * re-INVITE's hold and resume without the three-way handshake.
     *
     * @param directions one for every audio line, or one for them all
     * @return the final response
     */
    public Response update(Session session, Direction... directions) throws Exception {
        List<Direction> lines = directions.length == 1
                ? session.localRtpPorts().stream().map(port -> directions[0]).toList()
                : List.of(directions);
        Request update = inDialog(Request.UPDATE, session.invite(), session.answer(),
                session.sequence().incrementAndGet());
        update.setContent(offer(session.localRtpPorts(), session.sdpSessionId(),
                session.sdpVersion().incrementAndGet(), lines), headers.createContentTypeHeader("application", "sdp"));
        send(update);
        return finalResponse(update);
    }

    /** BYE in the session's dialog; returns the final response. */
    public Response bye(Session session) throws Exception {
        Request bye = inDialog(Request.BYE, session.invite(), session.answer(), session.sequence().incrementAndGet());
        send(bye);
        return finalResponse(bye);
    }

    /**
     * The codecs one audio line of an offer names: its m-line's formats and their attributes (rtpmap, fmtp), one per
     * line, each ending in CRLF. {@link #G711} is what a Genesys Media Server copies from a party.
     */
    public record AudioFormats(String formats, String attributes) {
        /** PCMU, PCMA and telephone-event/8000. */
        public static final AudioFormats G711 = new AudioFormats("0 8 101", "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n");
        /** G.722 first (static payload type 9), then G.711, and telephone-event at G.722's 8000 Hz clock. */
        public static final AudioFormats G722 = new AudioFormats("9 0 8 101", "a=rtpmap:9 G722/8000\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n");
        /** L16/16000 on dynamic payload type 98, PCMU, and telephone-event/16000 on 102. */
        public static final AudioFormats L16_WIDEBAND = new AudioFormats("98 0 102", "a=rtpmap:98 L16/16000\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:102 telephone-event/16000\r\n"
                + "a=fmtp:102 0-15\r\n");
        /**
         * Opus on dynamic payload type 111 (with a WebRTC-like fmtp), PCMU, and telephone-event/48000 on 101, at
         * Opus's 48000 Hz clock.
         */
        public static final AudioFormats OPUS = new AudioFormats("111 0 101", "a=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1;stereo=0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/48000\r\n"
                + "a=fmtp:101 0-15\r\n");
        /** PCMU only. */
        public static final AudioFormats PCMU_ONLY = new AudioFormats("0 101", "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n");
    }

    /**
     * {@link #open(String, int, String, Map, List, int...)} with each line's codecs given (a re-INVITE of the session
     * offers {@link AudioFormats#G711} again).
     */
    public Session open(String recorderHost, int recorderPort, String recordId, Map<String, String> uriParameters,
                        List<Direction> directions, List<AudioFormats> codecs, int... localRtpPorts)
            throws Exception {
        long sdpSessionId = System.currentTimeMillis();
        List<Integer> ports = java.util.Arrays.stream(localRtpPorts).boxed().toList();
        Request invite = invite(recordingUri(recorderHost, recorderPort, recordId, uriParameters),
                offer(ports, sdpSessionId, 1, directions, codecs));
        send(invite);
        Response ok = finalResponse(invite);
        if (ok.getStatusCode() != Response.OK) {
            throw new AssertionError("INVITE answered " + ok.getStatusCode() + " " + ok.getReasonPhrase());
        }
        ack(invite, ok);
        return new Session(invite, ok, rtpAddresses(ok), ports, sdpSessionId, new AtomicLong(1), new AtomicLong(1));
    }

    /** The SDP offer a Genesys Media Server copies from a party: PCMU, PCMA and telephone-event. */
    public String offer(int rtpPort, long sdpSessionId, long sdpVersion, Direction direction) {
        return offer(List.of(rtpPort), sdpSessionId, sdpVersion, List.of(direction));
    }

    /**
     * An offer with one such audio line per port, each in its direction and labelled with its position (1, 2, ..):
     * one session for both parties has the {@code dn} party's line first.
     */
    public String offer(List<Integer> rtpPorts, long sdpSessionId, long sdpVersion, List<Direction> directions) {
        return offer(rtpPorts, sdpSessionId, sdpVersion, directions,
                rtpPorts.stream().map(port -> AudioFormats.G711).toList());
    }

    /** The same with each line's codecs given. */
    public String offer(List<Integer> rtpPorts, long sdpSessionId, long sdpVersion, List<Direction> directions,
                        List<AudioFormats> codecs) {
        StringBuilder offer = new StringBuilder("v=0\r\n"
                + "o=GVP " + sdpSessionId + " " + sdpVersion + " IN IP4 " + host + "\r\n"
                + "s=phone-call\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n");
        for (int line = 0; line < rtpPorts.size(); line++) {
            offer.append("m=audio ").append(rtpPorts.get(line)).append(" RTP/AVP ")
                    .append(codecs.get(line).formats()).append("\r\n").append(codecs.get(line).attributes())
                    .append("a=ptime:20\r\n");
            if (rtpPorts.size() > 1) {
                offer.append("a=label:").append(line + 1).append("\r\n");
            }
            offer.append(directions.get(line).attribute()).append("\r\n");
        }
        return offer.toString();
    }

    /** Where an SDP answer asks for the RTP: its first c= address and audio m= port. */
    public static InetSocketAddress rtpAddress(Response answer) {
        return rtpAddresses(answer).get(0);
    }

    /** Where an SDP answer asks for each audio line's RTP: its first c= address and each audio m= port, in order. */
    public static List<InetSocketAddress> rtpAddresses(Response answer) {
        String body = body(answer);
        Matcher c = C_LINE.matcher(body);
        Matcher m = M_LINE.matcher(body);
        if (!c.find()) {
            throw new AssertionError("no usable SDP answer:\n" + body);
        }
        List<InetSocketAddress> addresses = new java.util.ArrayList<>();
        while (m.find()) {
            addresses.add(new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1))));
        }
        if (addresses.isEmpty()) {
            throw new AssertionError("no audio line in the SDP answer:\n" + body);
        }
        return addresses;
    }

    // ---- requests by hand ----

    /** An INVITE to the URI with an SDP offer (or no body when sdp is null) and extra headers. */
    public Request invite(String requestUri, String sdp, Map<String, String> extraHeaders) throws Exception {
        Request request = request(Request.INVITE, requestUri, newCallId(), 1);
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            request.setHeader(headers.createHeader(header.getKey(), header.getValue()));
        }
        if (sdp != null) {
            request.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "sdp"));
        }
        return request;
    }

    public Request invite(String requestUri, String sdp) throws Exception {
        return invite(requestUri, sdp, Map.of());
    }

    /** A request outside any dialog, with our From tag and Contact; the URI's transport parameter picks the Via's. */
    public Request request(String method, String requestUri, String callId, long sequence) throws Exception {
        URI uri = addresses.createURI(requestUri);
        Address from = addresses.createAddress("sip:media-server@" + host + ":" + port);
        Address to = addresses.createAddress(requestUri);
        String transport = uri instanceof SipURI sip && sip.getTransportParam() != null ? sip.getTransportParam() : "udp";
        ViaHeader via = headers.createViaHeader(host, port, transport, null);
        Request request = messages.createRequest(uri, method, headers.createCallIdHeader(callId),
                headers.createCSeqHeader(sequence, method),
                headers.createFromHeader(from, "ms-" + UUID.randomUUID().toString().substring(0, 8)),
                headers.createToHeader(to, null), List.of(via), headers.createMaxForwardsHeader(70));
        request.setHeader(headers.createContactHeader(addresses.createAddress("sip:media-server@" + host + ":" + port)));
        return request;
    }

    /** A request in the dialog that a 2xx to our INVITE established (ACK, BYE, re-INVITE). */
    public Request inDialog(String method, Request invite, Response ok, long sequence) throws Exception {
        URI target = ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getAddress().getURI();
        Request request = messages.createRequest(target, method,
                (CallIdHeader) invite.getHeader(CallIdHeader.NAME),
                headers.createCSeqHeader(sequence, method),
                (FromHeader) invite.getHeader(FromHeader.NAME),
                (ToHeader) ok.getHeader(ToHeader.NAME),
                List.of(headers.createViaHeader(host, port, "udp", null)), headers.createMaxForwardsHeader(70));
        request.setHeader(headers.createContactHeader(addresses.createAddress("sip:media-server@" + host + ":" + port)));
        return request;
    }

    /**
     * The INVITE again as a new request outside any dialog (no To tag): same Call-ID and From tag, a new CSeq and
     * branch, as a Media Server that retries a session it believes lost sends it.
     */
    public Request repeated(Request invite, long sequence) throws Exception {
        Request again = (Request) invite.clone();
        again.setHeader(headers.createCSeqHeader(sequence, Request.INVITE));
        ((ViaHeader) again.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-" + UUID.randomUUID());
        return again;
    }

    /** Sends a request in a client transaction (JAIN-SIP retransmits it and matches its responses). */
    public ClientTransaction send(Request request) throws Exception {
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        transaction.sendRequest();
        return transaction;
    }

    /** Sends without a transaction: ACK for a 2xx, or a retransmission the test makes on purpose. */
    public void sendStateless(Request request) throws Exception {
        provider.sendRequest(request);
    }

    /** ACK for a 2xx to an INVITE (a re-INVITE too), in a new transaction of its own (RFC 3261 §13.2.2.4). */
    public void ack(Request invite, Response ok) throws Exception {
        Request ack = inDialog(Request.ACK, invite, ok, ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber());
        ((ViaHeader) ack.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-ack-" + UUID.randomUUID());
        acked.put(ackKey(ok), ack);
        sendStateless(ack);
    }

    /** Which 2xx an ACK answers: its Call-ID and CSeq number (a retransmitted 2xx carries the same). */
    private static String ackKey(Response ok) {
        return ((javax.sip.header.CallIdHeader) ok.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId() + " "
                + ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    /** The next response to this request with this status, waiting up to 5 s; null if none came. */
    public Response await(Request request, int status) throws InterruptedException {
        return await(request, status, 5_000);
    }

    /** The next response to this request with this status; responses with other statuses are passed over. */
    public Response await(Request request, int status, long millis) throws InterruptedException {
        return inbox.await(request, status, Duration.ofMillis(millis));
    }

    /** The request's final response; fails after 15 s. */
    public Response finalResponse(Request request) throws InterruptedException {
        Response response = inbox.finalResponse(request, FINAL_RESPONSE_TIMEOUT);
        if (response == null) {
            throw new AssertionError("no final response to " + request.getMethod() + " " + ResponseInbox.key(request)
                    + " within " + FINAL_RESPONSE_TIMEOUT);
        }
        return response;
    }

    /** Forgets every response received so far, and every request the recorder sent; refreshes get 200 again. */
    public void forget() {
        inbox.clear();
        requests.clear();
        refreshAnswer = Response.OK;
        nextRefreshAnswers.clear();
        refreshMinimum = 0;
    }

    /**
     * The next request the recorder sent us with this method (a BYE when a session timer expired), waiting up to
     * {@code millis}; requests with other methods are passed over. Null if none came.
     */
    public Request awaitRequest(String method, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            long left = deadline - System.nanoTime();
            Request request = left <= 0 ? null : requests.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (request == null || request.getMethod().equals(method)) {
                return request;
            }
        }
    }

    public static String newCallId() {
        return UUID.randomUUID() + "@127.0.0.1";
    }

    public static String body(Response response) {
        byte[] content = response.getRawContent();
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    public static String toTag(Response response) {
        return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
    }

    public SipURI uri(String text) throws Exception {
        return (SipURI) addresses.createURI(text);
    }

    // ---- SipListener ----

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        inbox.add(response);
        // RFC 3261 13.2.2.4: a 2xx to an INVITE that comes again (our ACK was lost, or the recorder had not taken it
        // yet) is ACKed again, as a Media Server does; an INVITE never ACKed (openWithoutAck) stays unacknowledged.
        if (response.getStatusCode() / 100 == 2
                && Request.INVITE.equals(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod())) {
            Request ack = acked.get(ackKey(response));
            if (ack != null) {
                try {
                    sendStateless(ack);
                } catch (Exception cannotSend) {
                    // the recorder retransmits again; a test that needs the ACK sees it missing
                }
            }
        }
    }

    /**
     * How the recorder's session refreshes (UPDATE, RFC 4028) are answered from now on: 200 (the default) echoes
     * their Session-Expires, as a client that supports timers does; 481 says the dialog is gone.
     */
    public void answerRefreshesWith(int status) {
        refreshAnswer = status;
    }

    /**
     * The next refreshes are answered with these statuses, one each, in order; the ones after them as
     * {@link #answerRefreshesWith} says (e.g. 500 then 200: a refresh tried again).
     */
    public void answerNextRefreshesWith(int... statuses) {
        for (int status : statuses) {
            nextRefreshAnswers.add(status);
        }
    }

    /** Refreshes asking for a session interval below {@code seconds} are answered 422 with that Min-SE from now on. */
    public void refreshMinimum(int seconds) {
        refreshMinimum = seconds;
    }

    /**
     * The recorder's requests are a BYE (a session whose timer expired) and UPDATEs or re-INVITEs (refreshes of
     * sessions it refreshes): each kept for {@link #awaitRequest} and answered statelessly, the BYE 200 as a Media
     * Server ends the session, a refresh as {@link #answerRefreshesWith} and {@link #refreshMinimum} say (a re-INVITE's
     * 200 answers its offer with our sending side). Anything else (its ACK) is kept and not answered.
     */
    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        requests.add(request);
        try {
            if (Request.BYE.equals(request.getMethod())) {
                provider.sendResponse(messages.createResponse(Response.OK, request));
            } else if (Request.UPDATE.equals(request.getMethod()) || Request.INVITE.equals(request.getMethod())) {
                provider.sendResponse(refreshAnswer(request));
            }
        } catch (Exception cannotAnswer) {
            // the recorder retransmits and then gives up; the test sees the request all the same
        }
    }

    private Response refreshAnswer(Request refresh) throws Exception {
        javax.sip.header.Header expires = refresh.getHeader("Session-Expires");
        String value = expires == null ? "" : expires.toString().substring(expires.toString().indexOf(':') + 1).strip();
        int asked = value.isEmpty() ? 0 : Integer.parseInt(value.split(";")[0].strip());
        Integer next = nextRefreshAnswers.poll();
        int status = next != null ? next : refreshAnswer;
        if (status == Response.OK && asked > 0 && asked < refreshMinimum) {
            Response tooSmall = messages.createResponse(422, refresh);
            tooSmall.setHeader(headers.createHeader("Min-SE", Integer.toString(refreshMinimum)));
            return tooSmall;
        }
        Response answer = messages.createResponse(status, refresh);
        if (status != Response.OK) {
            return answer;
        }
        if (expires != null) {
            answer.setHeader(expires);
            answer.setHeader(headers.createHeader("Require", "timer"));
        }
        if (Request.INVITE.equals(refresh.getMethod())) {
            answer.setHeader(headers.createContactHeader(addresses.createAddress("sip:ms@" + host + ":" + port)));
            String offer = new String(refresh.getRawContent(), StandardCharsets.UTF_8);
            answer.setContent(offer.replace("a=recvonly", "a=sendonly"),
                    headers.createContentTypeHeader("application", "sdp"));
        }
        return answer;
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // reported by finalResponse, which waits longer than a transaction lives
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // reported through the missing response
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // dialogs are the test's, not the stack's
    }

    @Override
    public void close() {
        stack.stop();
    }
}
