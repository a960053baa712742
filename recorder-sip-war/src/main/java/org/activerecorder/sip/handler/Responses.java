package org.activerecorder.sip.handler;

import org.activerecorder.sip.metrics.SipTraffic;
import org.activerecorder.sip.session.SessionTimer;
import org.activerecorder.sip.status.Rejection;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Builds and sends the recorder's responses. One place decides the details every response needs:
 * a To tag on everything but 100 (RFC 3261 §8.2.6.2), a Contact on 2xx to INVITE (§12.1.1), Allow and
 * Accept where they help the sender, and the headers a {@link Rejection} asks for.
 *
 * <p>Thread-safe: JAIN-SIP's factories hold no state, and server transactions may be answered from any
 * thread.
 */
public final class Responses {

    private static final Logger LOG = Logger.getLogger(Responses.class.getName());
    private static final SecureRandom TAGS = new SecureRandom();
    private static final Set<String> LIST_HEADERS = Set.of("allow", "accept", "warning", "supported", "unsupported",
            "require");

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final SipTraffic traffic;

    public Responses(MessageFactory messages, HeaderFactory headers) {
        this(messages, headers, new SipTraffic());
    }

    /** @param traffic where each response sent is counted by class */
    public Responses(MessageFactory messages, HeaderFactory headers, SipTraffic traffic) {
        this.messages = messages;
        this.headers = headers;
        this.traffic = traffic;
    }

    /** A fresh To tag: 64 random bits, enough to be globally unique as RFC 3261 §19.3 asks. */
    static String newTag() {
        byte[] bytes = new byte[8];
        TAGS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** 100 Trying: stops the Media Server's INVITE retransmissions while the intake works. */
    void trying(ServerTransaction invite) throws SipException {
        send(invite, create(invite.getRequest(), Response.TRYING, null));
    }

    /** 200 OK without a body (BYE, CANCEL). */
    void ok(ServerTransaction transaction, String toTag) throws SipException {
        send(transaction, create(transaction.getRequest(), Response.OK, toTag));
    }

    /** 200 OK to OPTIONS: what we accept and allow, for keep-alive probes and capability queries. */
    void capabilities(ServerTransaction options, String toTag) throws SipException {
        Response response = create(options.getRequest(), Response.OK, toTag);
        addHeaders(response, Map.of("Allow", Rejection.ALLOWED_METHODS, "Accept", Rejection.ACCEPTED_BODY,
                "Supported", OptionTags.SUPPORTED_HEADER));
        send(options, response);
    }

    /**
     * 200 OK to an INVITE, carrying our SDP answer and Contact (for a SIPREC session the caller's Contact carries
     * {@code +sip.srs}), for a session without a session timer.
     */
    void sessionAccepted(ServerTransaction invite, String toTag, ContactHeader contact, String sdpAnswer)
            throws SipException {
        sessionAccepted(invite, toTag, contact, sdpAnswer, Optional.empty());
    }

    /**
     * 200 OK to an INVITE or re-INVITE, carrying our SDP answer and Contact, and the session timer when the
     * session has a timer ({@link SessionTimerPolicy}).
     */
    void sessionAccepted(ServerTransaction invite, String toTag, ContactHeader contact, String sdpAnswer,
                         Optional<SessionTimer> timer) throws SipException {
        send(invite, accepted(invite.getRequest(), toTag, contact, sdpAnswer, timer));
    }

    /**
     * 200 OK to an UPDATE (RFC 3311 §5.2): Contact, our SDP answer when it carried an offer ({@code null} when not),
     * and the session timer when the session has a timer.
     */
    void updated(ServerTransaction update, ContactHeader contact, String sdpAnswer, Optional<SessionTimer> timer)
            throws SipException {
        send(update, accepted(update.getRequest(), null, contact, sdpAnswer, timer));
    }

    private Response accepted(Request request, String toTag, ContactHeader contact, String sdpAnswer,
                              Optional<SessionTimer> timer) throws SipException {
        Response response = create(request, Response.OK, toTag);
        if (sdpAnswer != null) {
            try {
                ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
                response.setContent(sdpAnswer.getBytes(StandardCharsets.UTF_8), type);
            } catch (ParseException impossible) {
                throw new SipException("cannot attach SDP answer", impossible);
            }
        }
        response.setHeader(contact);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Allow", Rejection.ALLOWED_METHODS);
        extra.put("Supported", OptionTags.SUPPORTED_HEADER);
        List<String> required = new ArrayList<>();
        if (SiprecInviteReader.requiresSiprec(request)) {
            // a SIPREC client that requires siprec sees it confirmed in the answer
            required.add(OptionTags.SIPREC);
        }
        if (timer.isPresent()) {
            extra.put(SessionTimerPolicy.SESSION_EXPIRES, SessionTimerPolicy.sessionExpires(timer.get()));
            if (timer.get().clientSupports()) {
                // RFC 4028 §9: MUST with refresher=uac, SHOULD with uas; never to a client that lacks timer
                required.add(OptionTags.TIMER);
            }
        }
        if (!required.isEmpty()) {
            extra.put("Require", String.join(", ", required));
        }
        addHeaders(response, extra);
        return response;
    }

    /** The final response a rejection stands for, on the request's server transaction. */
    void reject(ServerTransaction transaction, Rejection rejection, String toTag) throws SipException {
        send(transaction, rejection(transaction.getRequest(), rejection, toTag));
    }

    /**
     * The same, sent without a transaction: for requests the recorder refuses outright and keeps no state for (a
     * retransmission simply gets the same answer again). JAIN-SIP sends it as RFC 3261 §18.2.2 says: on the
     * request's connection while it is open, else to the Via's received address and sent-by port, which over TCP
     * means a new connection out: callers must not answer a stranger's request this way ({@link #cameOverConnection}).
     */
    void rejectStatelessly(SipProvider provider, Request request, Rejection rejection) throws SipException {
        provider.sendResponse(rejection(request, rejection, newTag()));
        traffic.response(rejection.statusCode());
    }

    /**
     * Whether the request came over a connection (TCP, TLS) rather than in a datagram: what JAIN-SIP saw it arrive
     * on, or, when it does not say, the transport of the top Via.
     */
    static boolean cameOverConnection(Request request) {
        if (request instanceof SIPRequest received && received.getMessageChannel() instanceof MessageChannel channel) {
            return channel.isReliable();
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via != null && via.getTransport() != null && !"UDP".equalsIgnoreCase(via.getTransport());
    }

    private Response rejection(Request request, Rejection rejection, String toTag) throws SipException {
        Response response = create(request, rejection.statusCode(), toTag);
        try {
            response.setReasonPhrase(rejection.reasonPhrase());
        } catch (ParseException impossible) {
            throw new SipException("bad reason phrase", impossible);
        }
        addHeaders(response, rejection.headers());
        return response;
    }

    private Response create(Request request, int status, String toTag) throws SipException {
        try {
            Response response = messages.createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (status > Response.TRYING && to.getTag() == null && toTag != null) {
                to.setTag(toTag);
            }
            return response;
        } catch (ParseException malformed) {
            throw new SipException("cannot build " + status + " response", malformed);
        }
    }

    /**
     * List headers (Allow, Accept, Warning) go through createHeaders, which makes one header object per
     * item; JAIN-SIP's createHeader refuses a list. Singletons (Retry-After) go through createHeader,
     * which createHeaders refuses.
     */
    private void addHeaders(Response response, Map<String, String> extra) throws SipException {
        for (Map.Entry<String, String> header : extra.entrySet()) {
            String name = header.getKey();
            try {
                response.removeHeader(name);
                if (LIST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    for (Object parsed : headers.createHeaders(name + ": " + header.getValue())) {
                        response.addHeader((Header) parsed);
                    }
                } else {
                    response.addHeader(headers.createHeader(name, header.getValue()));
                }
            } catch (ParseException malformed) {
                throw new SipException("bad " + name + " header: " + header.getValue(), malformed);
            }
        }
    }

    private void send(ServerTransaction transaction, Response response) throws SipException {
        try {
            AnswerRetransmission.startBeforeSending(transaction, response);
            try {
                transaction.sendResponse(response);
            } catch (NullPointerException raced) {
                if (!AnswerRetransmission.ackStoppedTheTimerAfterTheSend(raced)) {
                    throw raced;
                }
                // the 2xx is on the wire and its ACK came while the stack was starting the timer it no longer needs
                LOG.fine(() -> "the ACK of a " + response.getStatusCode() + " raced JAIN-SIP's start of its"
                        + " retransmission timer: sent, and acknowledged");
            }
            traffic.response(response.getStatusCode());
        } catch (InvalidArgumentException invalid) {
            throw new SipException("response rejected by the transaction: " + invalid.getMessage(), invalid);
        }
    }
}
