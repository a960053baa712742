package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.activerecorder.sip.siprec.Fixtures.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CallIdentityRuleTest {

    private static final CallIdentityRule WITH_HEADER = new CallIdentityRule("X-Call-ID",
            CallIdentityRule.DEFAULT_EXTENSION_NAMES);
    private static final CallIdentityRule WITHOUT_HEADER = new CallIdentityRule(null,
            CallIdentityRule.DEFAULT_EXTENSION_NAMES);

    @Test
    void theConfiguredHeaderComesFirst() {
        CallIdentity identity = WITH_HEADER.decide(" 0123-abcd ", Optional.of(parsed("prerfc-acme-packet.xml")), "dialog");
        assertEquals(new CallIdentity("0123-abcd", IdentityRule.CONFIGURED_HEADER, "X-Call-ID"), identity);
        assertEquals("call id 0123-abcd from the configured header X-Call-ID", identity.explanation());
        assertEquals(Optional.of("X-Call-ID"), WITH_HEADER.headerName());
    }

    @Test
    void aBlankOrOverlongHeaderIsPassedOver() {
        assertEquals(IdentityRule.EXTENSION_DATA,
                WITH_HEADER.decide("  ", Optional.of(parsed("prerfc-acme-packet.xml")), "dialog").rule());
        assertEquals(IdentityRule.EXTENSION_DATA,
                WITH_HEADER.decide("x".repeat(257), Optional.of(parsed("prerfc-acme-packet.xml")), "dialog").rule());
        assertEquals(IdentityRule.EXTENSION_DATA,
                WITHOUT_HEADER.decide("ignored: no header configured", Optional.of(parsed("prerfc-acme-packet.xml")),
                        "dialog").rule());
    }

    @Test
    void aVendorCallIdInExtensionDataComesNext() {
        assertEquals(new CallIdentity("00FA080019001A2B3C4D5E;encoding=hex", IdentityRule.EXTENSION_DATA, "ucid"),
                WITHOUT_HEADER.decide(null, Optional.of(parsed("prerfc-acme-packet.xml")), "dialog"));
        assertEquals(new CallIdentity("callhalf-1234567890:0", IdentityRule.EXTENSION_DATA, "callID"),
                WITHOUT_HEADER.decide(null, Optional.of(parsed("legacy-broadworks.xml")), "dialog"));
        assertEquals(new CallIdentity("C0934BE72BF711D6800285D16359919A", IdentityRule.EXTENSION_DATA, "ucid"),
                WITHOUT_HEADER.decide(null, Optional.of(parsed("undeclared-prefix.xml")), "dialog"));
    }

    @Test
    void theNamesLookedForAreConfigurableAndParticipantsAreSearchedLast() {
        CallIdentityRule byRealm = new CallIdentityRule(null, List.of("in-realm"));
        assertEquals(new CallIdentity("net192", IdentityRule.EXTENSION_DATA, "in-realm"),
                byRealm.decide(null, Optional.of(parsed("prerfc-oracle-nameid.xml")), "dialog"));
        CallIdentityRule byTracking = new CallIdentityRule(null, List.of("EXTTRACKINGID"));
        assertEquals("1234567:1", byTracking.decide(null, Optional.of(parsed("legacy-broadworks.xml")), "d").value());
    }

    @Test
    void elseTheSiprecSessionIdWhichReadsAsAUuid() {
        CallIdentity identity = WITHOUT_HEADER.decide(null, Optional.of(parsed("rfc7865-complete.xml")), "dialog");
        assertEquals(new CallIdentity("hVpd7YQgRW2nD22h7q60JQ==", IdentityRule.SIPREC_SESSION_ID, ""), identity);
        assertEquals(Optional.of("855a5ded-8420-456d-a70f-6da1eeaeb425"), identity.asUuid());
        assertEquals(Optional.empty(), new CallIdentity("urn:uuid:x", IdentityRule.SIPREC_SESSION_ID, "").asUuid());
        assertEquals(Optional.empty(), new CallIdentity("!!!!!!!!!!!!!!!!!!!!!!==", IdentityRule.SIPREC_SESSION_ID, "")
                .asUuid());
    }

    @Test
    void withoutMetadataOrSessionTheRecordingDialogsCallId() {
        assertEquals(new CallIdentity("a84b4c76e66710@pc33.atlanta.com", IdentityRule.RECORDING_DIALOG, ""),
                WITH_HEADER.decide(null, Optional.empty(), "a84b4c76e66710@pc33.atlanta.com"));
        assertEquals(IdentityRule.RECORDING_DIALOG,
                WITHOUT_HEADER.decide(null, Optional.of(parsed("rfc7865-partial-hold.xml")), "d").rule());
        assertEquals(256, WITHOUT_HEADER.decide(null, Optional.empty(), "c".repeat(300)).value().length());
    }
}
