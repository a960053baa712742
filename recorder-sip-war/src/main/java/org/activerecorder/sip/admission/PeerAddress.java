package org.activerecorder.sip.admission;

import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.RequestEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The source address of a request's packet or connection, which its Via header cannot be trusted for. */
public final class PeerAddress {

    private PeerAddress() {
    }

    /** The address the request came from, or null when JAIN-SIP does not say. */
    public static InetAddress of(RequestEvent event) {
        try {
            if (event instanceof RequestEventExt ext && ext.getRemoteIpAddress() != null) {
                return InetAddress.getByName(ext.getRemoteIpAddress());
            }
        } catch (UnknownHostException notALiteral) {
            return null;
        }
        return event.getRequest() instanceof SIPMessage message ? message.getRemoteAddress() : null;
    }
}
