package org.activerecorder.sip.sdp;

/** Realistic SDP offers used by the SDP tests. CRLF line ends, as on the wire. */
final class Offers {

    private Offers() {
    }

    static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** What a Genesys Media Server copies from the party: PCMU first, PCMA, telephone-event, sendonly. */
    static final String GENESYS = crlf(
            "v=0",
            "o=GVP 1732615200 1732615200 IN IP4 10.20.30.40",
            "s=Media Server",
            "c=IN IP4 10.20.30.40",
            "t=0 0",
            "m=audio 31000 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=sendonly");

    /** RFC 4566 §5's example session: session-level recvonly, audio and video, multicast c=. */
    static final String RFC4566_EXAMPLE = crlf(
            "v=0",
            "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5",
            "s=SDP Seminar",
            "i=A Seminar on the session description protocol",
            "u=http://www.example.com/seminars/sdp.pdf",
            "e=j.doe@example.com (Jane Doe)",
            "c=IN IP4 224.2.17.12/127",
            "t=2873397496 2873404696",
            "a=recvonly",
            "m=audio 49170 RTP/AVP 0",
            "m=video 51372 RTP/AVP 99",
            "a=rtpmap:99 h263-1998/90000");

    /** RFC 3264 §10.1's offer from Alice: host name in c=, PCMU/PCMA/iLBC, plus video. */
    static final String RFC3264_ALICE = crlf(
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com",
            "s=",
            "c=IN IP4 host.atlanta.example.com",
            "t=0 0",
            "m=audio 49170 RTP/AVP 0 8 97",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:97 iLBC/8000",
            "m=video 51372 RTP/AVP 31 32",
            "a=rtpmap:31 H261/90000",
            "a=rtpmap:32 MPV/90000");

    /** A single audio line with the given port, protocol, formats and extra lines. */
    static String audio(String mLineTail, String... attributes) {
        StringBuilder text = new StringBuilder(crlf(
                "v=0",
                "o=- 1 1 IN IP4 192.0.2.10",
                "s=-",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "m=audio " + mLineTail));
        for (String attribute : attributes) {
            text.append(attribute).append("\r\n");
        }
        return text.toString();
    }
}
