package org.activerecorder.sip.siprec;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainIdsTest {

    @Test
    void anIdTheDomainTakesStaysAsItIs() {
        assertEquals("00001002161192092045", DomainIds.callUuid("00001002161192092045"), "an Avaya UCID in hex");
        assertEquals("+15550100001", DomainIds.dn("+15550100001"));
        assertEquals("rec-1.a_b", DomainIds.requestId("rec-1.a_b"));
    }

    @Test
    void aBase64UuidBecomesTheUuid() {
        // RFC 7865's session id hVpd7YQgRW2nD22h7q60JQ== is the UUID 855a5ded-8420-456d-a70f-6da1eeaeb425
        assertEquals("855a5ded-8420-456d-a70f-6da1eeaeb425", DomainIds.callUuid("hVpd7YQgRW2nD22h7q60JQ=="));
        new CallUuid(DomainIds.callUuid("hVpd7YQgRW2nD22h7q60JQ=="));
    }

    @Test
    void otherCharactersAreReplacedAndAHashKeepsIdsApart() {
        String broadWorks = DomainIds.callUuid("callhalf-1234567890:0");
        assertTrue(broadWorks.matches("callhalf-1234567890-0-[0-9a-f]{8}"), broadWorks);
        assertEquals(broadWorks, DomainIds.callUuid("callhalf-1234567890:0"), "deterministic");
        assertNotEquals(DomainIds.callUuid("a+b/c"), DomainIds.callUuid("a/b+c"), "differ only in replaced characters");
        assertNotEquals(DomainIds.callUuid("ab+/"), DomainIds.callUuid("ab/+"));
        new CallUuid(broadWorks);
        new CallUuid(DomainIds.callUuid("abc@host.example.com"));
        new CallUuid(DomainIds.callUuid(""));
        new Dn(DomainIds.dn("alice smith"));
    }

    @Test
    void aTooLongIdIsCutAndHashed() {
        String longId = "x".repeat(300);
        String mapped = DomainIds.callUuid(longId);
        assertEquals(64, mapped.length());
        assertTrue(mapped.startsWith("x".repeat(55) + "-"), mapped);
        assertNotEquals(mapped, DomainIds.callUuid("x".repeat(299) + "y"), "the part cut off still counts");
        assertEquals(128, DomainIds.requestId("r".repeat(200)).length());
        new RecordingRequestId(DomainIds.requestId("r".repeat(200)));
        new Dn(DomainIds.dn("9".repeat(65)));
    }

    @Test
    void anAorsDnIsItsUserPart() {
        assertEquals("+15550100001", DomainIds.dnOfAor("sip:+15550100001@carrier.example.com"));
        assertEquals("4711", DomainIds.dnOfAor("<sip:4711@pbx.example.com;user=phone>"));
        assertEquals("+15550100003", DomainIds.dnOfAor("tel:+15550100003"));
        assertEquals("02075550101", DomainIds.dnOfAor("sip:02075550101"));
        assertTrue(DomainIds.dnOfAor("sip:alice%20smith@example.com").matches("alice-smith-[0-9a-f]{8}"));
        assertEquals("", DomainIds.dnOfAor(""));
    }
}
