package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordedDnsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sip:4711@pbx.example.com                     | 4711",
            "sips:4711@pbx.example.com:5061;transport=tls | 4711",
            "<sip:4711@pbx.example.com>                   | 4711",
            "\"Agent\" <sip:4711@pbx.example.com>         | 4711",
            "sip:+15550100001@carrier.example.com;user=phone | +15550100001",
            "tel:+1-555-010-0001;phone-context=example.com | +1-555-010-0001",
            "sip:02075550101                               | 02075550101",
            "sip:%2B4420@example.com                       | +4420",
            "sip:alice@atlanta.com                         | alice",
            "SIP:Alice;x=1@atlanta.com                     | Alice",
            "not a uri                                     | not a uri"})
    void userPartOfEveryAorShape(String aor, String user) {
        assertEquals(user, RecordedDns.userPart(aor));
    }

    @Test
    void numbersMatchByTheirDigitsAlone() {
        RecordedDns dns = new RecordedDns(List.of("+1 (555) 010-0001"));
        assertEquals(Optional.of("+1 (555) 010-0001"), dns.matching("sip:+15550100001@carrier.example.com"));
        assertEquals(Optional.of("+1 (555) 010-0001"), dns.matching("tel:15550100001"));
        assertEquals(Optional.empty(), dns.matching("sip:5550100001@carrier.example.com"),
                "a national number is another string of digits: configure DNs as the SRC writes them");
    }

    @Test
    void namesMatchWithoutCaseAndUserAtHostMatchesOnlyThatHost() {
        assertEquals(Optional.of("ALICE"), new RecordedDns(List.of("ALICE")).matching("sip:alice@atlanta.com"));
        RecordedDns qualified = new RecordedDns(List.of("alice@atlanta.com"));
        assertEquals(Optional.of("alice@atlanta.com"), qualified.matching("<sip:Alice@Atlanta.com;transport=tcp>"));
        assertEquals(Optional.empty(), qualified.matching("sip:alice@biloxi.com"));
    }

    @Test
    void theFirstConfiguredDnThatMatchesIsNamedAndBlanksAreIgnored() {
        RecordedDns dns = new RecordedDns(List.of(" ", "4711", "04711"));
        assertEquals(Optional.of("4711"), dns.matching("sip:4711@pbx"));
        assertEquals(Optional.empty(), dns.matching(""));
        assertEquals(Optional.empty(), RecordedDns.none().matching("sip:4711@pbx"));
    }
}
