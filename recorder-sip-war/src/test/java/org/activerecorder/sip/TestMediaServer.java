package org.activerecorder.sip;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.sip.stack.SipEndpoint;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Media Server side of the socket tests: a second JAIN-SIP stack on 127.0.0.1 that builds requests
 * by hand (so tests can also build wrong ones) and collects every response it receives.
 * Automatic dialog support is off: the test decides what to ACK and BYE.
 */
final class TestMediaServer implements SipListener, AutoCloseable {

    private final SipEndpoint endpoint;
    private final SipProvider provider;
    private final String host = "127.0.0.1";
    private final int port;
    final MessageFactory messages = new MessageFactoryImpl();
    final HeaderFactory headers = new HeaderFactoryImpl();
    final AddressFactory addresses = new AddressFactoryImpl();
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();

    TestMediaServer(int port) throws Exception {
        this.port = port;
        Properties properties = StackProperties.forStack("test-media-server-" + port);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.TRANSPORTS, "udp,tcp")::get);
        endpoint = SipEndpoint.start(settings, properties, this);
        provider = endpoint.provider();
    }

    /** An INVITE to the URI with an SDP offer (or no body when sdp is null) and extra headers. */
    Request invite(String requestUri, String sdp, Map<String, String> extraHeaders) throws Exception {
        Request request = request(Request.INVITE, requestUri, newCallId(), 1);
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            request.setHeader(headers.createHeader(header.getKey(), header.getValue()));
        }
        if (sdp != null) {
            request.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "sdp"));
        }
        return request;
    }

    Request invite(String requestUri, String sdp) throws Exception {
        return invite(requestUri, sdp, Map.of());
    }

    /** A request outside any dialog, with our From tag and Contact. */
    Request request(String method, String requestUri, String callId, long sequence) throws Exception {
        URI uri = addresses.createURI(requestUri);
        Address from = addresses.createAddress("sip:media-server@" + host + ":" + port);
        Address to = addresses.createAddress(requestUri);
        String transport = uri instanceof SipURI sip && sip.getTransportParam() != null ? sip.getTransportParam() : "udp";
        ViaHeader via = headers.createViaHeader(host, port, transport, null);
        Request request = messages.createRequest(uri, method, headers.createCallIdHeader(callId),
                headers.createCSeqHeader(sequence, method), headers.createFromHeader(from, "ms-" + sequence + "-" + callId.hashCode()),
                headers.createToHeader(to, null), List.of(via), headers.createMaxForwardsHeader(70));
        request.setHeader(headers.createContactHeader(addresses.createAddress("sip:media-server@" + host + ":" + port)));
        return request;
    }

    /** A request in the dialog that a 2xx to our INVITE established (ACK, BYE, re-INVITE). */
    Request inDialog(String method, Request invite, Response ok, long sequence) throws Exception {
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

    ClientTransaction send(Request request) throws Exception {
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        transaction.sendRequest();
        return transaction;
    }

    /** Sends without a transaction: ACK for a 2xx, or a retransmission the test makes on purpose. */
    void sendStateless(Request request) throws Exception {
        provider.sendRequest(request);
    }

    void ack(Request invite, Response ok) throws Exception {
        Request ack = inDialog(Request.ACK, invite, ok, ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber());
        ((ViaHeader) ack.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-ack-" + UUID.randomUUID());
        sendStateless(ack);
    }

    /** The next response to this request with this status, waiting up to 5 s; null if none came. */
    Response await(Request request, int status) throws InterruptedException {
        return await(request, status, 5_000);
    }

    Response await(Request request, int status, long millis) throws InterruptedException {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Response response = responses.poll(50, TimeUnit.MILLISECONDS);
            if (response == null) {
                continue;
            }
            CSeqHeader got = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
            if (response.getStatusCode() == status
                    && callId.equals(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId())
                    && got.getMethod().equals(cseq.getMethod()) && got.getSeqNumber() == cseq.getSeqNumber()) {
                return response;
            }
        }
        return null;
    }

    /** Responses to this request that arrived so far, drained. */
    void forget() {
        responses.clear();
    }

    static String newCallId() {
        return UUID.randomUUID() + "@127.0.0.1";
    }

    static String body(Response response) {
        return new String(response.getRawContent(), StandardCharsets.UTF_8);
    }

    static String toTag(Response response) {
        return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        responses.add(event.getResponse());
    }

    @Override
    public void processRequest(RequestEvent event) {
        // the recorder sends no requests in these tests
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        endpoint.stop();
    }

    SipURI uri(String text) throws Exception {
        return (SipURI) addresses.createURI(text);
    }
}
