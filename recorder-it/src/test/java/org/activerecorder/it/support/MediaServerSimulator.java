package org.activerecorder.it.support;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
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
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a Genesys Media Server opening recording sessions (intake shape A) with a real JAIN-SIP stack:
 * one INVITE per party with {@code sip:record=<id>@recorder;calluuid=..;dn=..;recordDN=..}, a sendonly
 * PCMU/PCMA offer, ACK on 200, BYE at the end.
 */
public final class MediaServerSimulator implements SipListener, AutoCloseable {

    private static final Pattern M_LINE = Pattern.compile("(?m)^m=audio (\\d+) ");
    private static final Pattern C_LINE = Pattern.compile("(?m)^c=IN IP[46] (\\S+)");

    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String host;
    private final int port;
    private final Map<String, CompletableFuture<Response>> finalResponses = new ConcurrentHashMap<>();

    public MediaServerSimulator(String host, int port) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "media-server-simulator-" + port);
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        this.stack = factory.createSipStack(properties);
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        ListeningPoint point = stack.createListeningPoint(host, port, ListeningPoint.UDP);
        this.provider = stack.createSipProvider(point);
        this.provider.addSipListener(this);
        this.host = host;
        this.port = port;
    }

    /** A recording session as the Media Server sees it. */
    public record Session(Dialog dialog, Response answer, InetSocketAddress recorderRtp) {
    }

    /**
     * Sends an INVITE and waits for its final response.
     *
     * @param uriParameters the Request-URI parameters (calluuid, dn, recordDN, ...), in order
     */
    public Response invite(String recorderHost, int recorderPort, String recordId, Map<String, String> uriParameters,
                           int localRtpPort, List<String> extraHeaders) throws Exception {
        SipURI requestUri = addresses.createSipURI("record=" + recordId, recorderHost);
        requestUri.setPort(recorderPort);
        for (Map.Entry<String, String> parameter : uriParameters.entrySet()) {
            requestUri.setParameter(parameter.getKey(), parameter.getValue());
        }
        SipURI fromUri = addresses.createSipURI("mediaserver", host);
        fromUri.setPort(port);
        Address from = addresses.createAddress(fromUri);
        Address to = addresses.createAddress(addresses.createSipURI("record=" + recordId, recorderHost));
        CallIdHeader callId = provider.getNewCallId();
        Request invite = messages.createRequest(requestUri, Request.INVITE, callId,
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, Long.toHexString(System.nanoTime())),
                headers.createToHeader(to, null),
                List.of(headers.createViaHeader(host, port, ListeningPoint.UDP, null)),
                headers.createMaxForwardsHeader(70));
        invite.addHeader(headers.createContactHeader(from));
        for (String extra : extraHeaders) {
            int colon = extra.indexOf(':');
            invite.addHeader(headers.createHeader(extra.substring(0, colon).trim(), extra.substring(colon + 1).trim()));
        }
        ContentTypeHeader sdp = headers.createContentTypeHeader("application", "sdp");
        invite.setContent(offer(localRtpPort), sdp);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        finalResponses.put(callId.getCallId(), answer);
        ClientTransaction transaction = provider.getNewClientTransaction(invite);
        transaction.sendRequest();
        return answer.get(15, TimeUnit.SECONDS);
    }

    /** The Request-URI parameters of a shape A session: {@code calluuid}, {@code dn}, {@code recordDN}, in that order. */
    public static Map<String, String> shapeA(String callUuid, String dn, String recordDn) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("calluuid", callUuid);
        parameters.put("dn", dn);
        parameters.put("recordDN", recordDn);
        return parameters;
    }

    /** INVITE, and on 200 OK, ACK: an established recording session. */
    public Session open(String recorderHost, int recorderPort, String recordId, Map<String, String> uriParameters,
                        int localRtpPort) throws Exception {
        Response response = invite(recorderHost, recorderPort, recordId, uriParameters, localRtpPort, List.of());
        if (response.getStatusCode() != Response.OK) {
            throw new AssertionError("INVITE answered " + response.getStatusCode() + " " + response.getReasonPhrase());
        }
        Dialog dialog = dialogs.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        dialog.sendAck(dialog.createAck(cseq));
        String body = new String(response.getRawContent(), StandardCharsets.US_ASCII);
        Matcher c = C_LINE.matcher(body);
        Matcher m = M_LINE.matcher(body);
        if (!c.find() || !m.find()) {
            throw new AssertionError("200 OK without a usable SDP answer:\n" + body);
        }
        return new Session(dialog, response, new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1))));
    }

    /** Sends BYE in the session's dialog and returns the final response. */
    public Response bye(Session session) throws Exception {
        Request bye = session.dialog().createRequest(Request.BYE);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        finalResponses.put(session.dialog().getCallId().getCallId() + "/BYE", answer);
        ClientTransaction transaction = provider.getNewClientTransaction(bye);
        session.dialog().sendRequest(transaction);
        return answer.get(15, TimeUnit.SECONDS);
    }

    private final Map<String, Dialog> dialogs = new ConcurrentHashMap<>();

    private String offer(int rtpPort) {
        long session = System.currentTimeMillis();
        return "v=0\r\n"
                + "o=GVP " + session + " 1 IN IP4 " + host + "\r\n"
                + "s=phone-call\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendonly\r\n";
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        if (response.getStatusCode() < 200) {
            return;
        }
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        if (Request.INVITE.equals(method)) {
            if (event.getDialog() != null) {
                dialogs.put(callId, event.getDialog());
            }
            complete(callId, response);
        } else if (Request.BYE.equals(method)) {
            complete(callId + "/BYE", response);
        }
    }

    private void complete(String key, Response response) {
        CompletableFuture<Response> waiting = finalResponses.remove(key);
        if (waiting != null) {
            waiting.complete(response);
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        // The recorder never sends requests in shape A; a BYE from it would be answered by the stack's dialog layer.
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        Request request = event.getClientTransaction().getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String key = Request.BYE.equals(request.getMethod()) ? callId + "/BYE" : callId;
        CompletableFuture<Response> waiting = finalResponses.remove(key);
        if (waiting != null) {
            waiting.completeExceptionally(new AssertionError(request.getMethod() + " timed out"));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // reported through the timeout
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        dialogs.values().remove(event.getDialog());
    }

    @Override
    public void close() {
        stack.stop();
    }

}
