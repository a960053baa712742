package org.activerecorder.sip.siprec;

import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole INVITE bodies as field SRCs shape them, read the way the wiring slice will: split the body, hand the SDP part to
 * the project's own {@link SdpOffer} (which refuses any line that is not SDP, so a sloppy split shows), read the labels
 * and the metadata, then decide the call identity and the channels.
 */
class SiprecInviteBodyTest {
    private static final CallIdentityRule IDENTITY = new CallIdentityRule("X-Call-ID",
            CallIdentityRule.DEFAULT_EXTENSION_NAMES);

    private record Outcome(SdpOffer offer, List<Channel> channels, ChannelMap map, CallIdentity identity) {
    }

    private static Outcome read(String contentType, byte[] body, List<String> dns) throws Exception {
        Verdict<SiprecBody> verdict = SiprecBody.read(contentType, body, SiprecLimits.DEFAULT);
        assertTrue(verdict.isAccepted(), verdict::toString);
        String sdp = verdict.value().sdp().orElseThrow().text();
        SdpOffer offer = SdpOffer.parse(sdp);
        Optional<RecordingMetadata> metadata = verdict.value().metadata()
                .map(part -> new MetadataParser(SiprecLimits.DEFAULT).parse(part.content()).value());
        ChannelMap map = new ChannelRules(new RecordedDns(dns)).assign(metadata, SdpLabels.audioLines(sdp));
        return new Outcome(offer, map.streams().stream().map(StreamChannel::channel).toList(), map,
                IDENTITY.decide(null, metadata, "recording-dialog@src"));
    }

    @Test
    void rfcOrderedBodyOnTheWire() throws Exception {
        Outcome outcome = read("multipart/mixed;boundary=foobar",
                Fixtures.body("rfc-order.txt", "rfc8068-basic-call.xml", true), List.of("4711"));
        assertEquals(List.of(49170, 49172), outcome.offer().media().stream().map(OfferedMedia::port).toList());
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), outcome.channels());
        assertEquals(IdentityRule.SIPREC_SESSION_ID, outcome.identity().rule());
        assertEquals("recorded party sip:4711@pbx.example.com: a participant's AoR matches a configured DN (4711)\n"
                + "m-line 0 (label 96) from sip:+15550100001@carrier.example.com -> right: its label names a stream "
                + "the metadata says this participant sends\n"
                + "m-line 1 (label 97) from sip:4711@pbx.example.com -> left: its label names a stream the metadata "
                + "says this participant sends", outcome.map().explanation());
    }

    @Test
    void broadWorksBodyMetadataFirstOneMixedStream() throws Exception {
        Outcome outcome = read("multipart/mixed;boundary=uniqueBoundary",
                Fixtures.body("metadata-first-no-space.txt", "legacy-broadworks.xml", true), List.of());
        assertEquals(1, outcome.offer().media().size());
        assertEquals(List.of(Channel.LEFT), outcome.channels());
        assertEquals(ChannelRule.MIXED_STREAM, outcome.map().streams().get(0).rule());
        assertEquals(new CallIdentity("callhalf-1234567890:0", IdentityRule.EXTENSION_DATA, "callID"), outcome.identity());
    }

    @Test
    void bareLfBodyWithPreambleExtraPartNoSessionConnectionAndTokenLabels() throws Exception {
        Outcome outcome = read("multipart/mixed;boundary=\"----=_Part_15296_823292916.1768489452115\"",
                Fixtures.body("lf-quoted-boundary-extra-part.txt", "prefixed-root.xml", false), List.of("2002"));
        assertEquals(List.of("203.0.113.5", "203.0.113.5"),
                outcome.offer().media().stream().map(OfferedMedia::connectionAddress).toList());
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), outcome.channels(), "the callee 2002 sends b_leg");
    }

    @Test
    void preRfcBodyWhoseHeadersRunIntoTheContent() throws Exception {
        Outcome outcome = read("multipart/mixed;boundary=boundary1",
                Fixtures.body("headers-run-into-content.txt", "prerfc-acme-packet.xml", true), List.of("4711"));
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), outcome.channels());
        assertEquals(IdentityRule.EXTENSION_DATA, outcome.identity().rule());
        assertEquals("ucid", outcome.identity().source());
    }

    @Test
    void anSrcWithoutMetadataIsRecordedInMlineOrderAndSaysSo() throws Exception {
        byte[] sdp = ("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=label:1\r\na=inactive\r\nm=audio 4002 RTP/AVP 0\r\na=label:2\r\n"
                + "a=inactive\r\n").getBytes(StandardCharsets.US_ASCII);
        Outcome outcome = read("application/sdp", sdp, List.of("4711"));
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), outcome.channels());
        assertEquals(PartyRule.FIRST_MLINE, outcome.map().partyRule());
        assertEquals(new CallIdentity("recording-dialog@src", IdentityRule.RECORDING_DIALOG, ""), outcome.identity());
    }
}
