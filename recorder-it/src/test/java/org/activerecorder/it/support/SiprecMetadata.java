package org.activerecorder.it.support;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/** RFC 7865 metadata as a Session Recording Client sends it, for the ITs that play one. */
public final class SiprecMetadata {

    private SiprecMetadata() {
    }

    /** A SIPREC session id as real clients make it: a UUID's 16 bytes in base64 (the recorder's CallUUID is the UUID). */
    public static String sessionId(UUID call) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16)
                .putLong(call.getMostSignificantBits()).putLong(call.getLeastSignificantBits()).array());
    }

    /**
     * Two participants, the recorded one listed first, each sending one stream: the other party's is the first m-line
     * (label 1), the recorded party's the second (label 2).
     */
    public static String twoParties(String sessionId, String recordedDn, String otherDn) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <datamode>complete</datamode>
                  <session session_id="%1$s"/>
                  <participant participant_id="recorded"><nameID aor="sip:%2$s@pbx.example.com"><name>Agent</name></nameID></participant>
                  <participant participant_id="other"><nameID aor="sip:%3$s@carrier.example.com"/></participant>
                  <stream stream_id="from-other" session_id="%1$s"><label>1</label></stream>
                  <stream stream_id="from-recorded" session_id="%1$s"><label>2</label></stream>
                  <participantstreamassoc participant_id="recorded"><send>from-recorded</send><recv>from-other</recv></participantstreamassoc>
                  <participantstreamassoc participant_id="other"><send>from-other</send><recv>from-recorded</recv></participantstreamassoc>
                </recording>""".formatted(sessionId, recordedDn, otherDn);
    }
}
