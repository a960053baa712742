package org.activerecorder.sip.session;

import javax.sip.Dialog;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import java.util.Objects;

/**
 * Identifies a recording session from the recorder's side: the Call-ID and the Media Server's tag.
 * Our own tag is not part of the key because we never fork: one remote tag and Call-ID make exactly one
 * dialog with us, and the key is known from the first INVITE, before any tag of ours exists.
 *
 * @param callId    the Call-ID
 * @param remoteTag the From tag of the Media Server's requests ("" if it sent none)
 */
public record SessionKey(String callId, String remoteTag) {
    public SessionKey {
        Objects.requireNonNull(callId, "callId");
        remoteTag = remoteTag == null ? "" : remoteTag;
    }

    /** The key of a request the Media Server sent (INVITE, ACK, BYE, CANCEL). */
    public static SessionKey of(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        return new SessionKey(callId.getCallId(), from.getTag());
    }

    /** The key of a dialog the recorder took part in as the server. */
    public static SessionKey of(Dialog dialog) {
        return new SessionKey(dialog.getCallId().getCallId(), dialog.getRemoteTag());
    }

    @Override
    public String toString() {
        return callId + ";from-tag=" + remoteTag;
    }
}
