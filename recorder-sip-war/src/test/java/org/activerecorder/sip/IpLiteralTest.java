package org.activerecorder.sip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpLiteralTest {

    @Test
    void readsIpv4AndIpv6Literals() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("10.20.30.40")), IpLiteral.parse("10.20.30.40"));
        assertEquals(Optional.of(InetAddress.getByName("::1")), IpLiteral.parse("::1"));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::5")), IpLiteral.parse("[2001:db8::5]"));
        assertEquals(Optional.of(InetAddress.getByName("0.0.0.0")), IpLiteral.parse(" 0.0.0.0 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "media-server.example.com", "10.0.0.256", "10.0.0", "1234", "abc",
            "2001:db8::zz", "", "10.0.0.1/24"})
    void refusesEverythingElseWithoutAskingDns(String text) {
        assertTrue(IpLiteral.parse(text).isEmpty(), text);
    }
}
