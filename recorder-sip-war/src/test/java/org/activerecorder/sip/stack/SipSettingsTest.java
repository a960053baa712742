package org.activerecorder.sip.stack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipSettingsTest {

    @Test
    void defaultsListenOnLoopbackUdp5060AndAllowLoopbackPeers() throws Exception {
        SipSettings settings = SipSettings.from(name -> null);
        assertEquals(InetAddress.getByName("127.0.0.1"), settings.bindAddress());
        assertEquals(5060, settings.port());
        assertEquals(List.of("udp"), settings.transports());
        assertEquals(Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")), settings.allowedPeers());
    }

    @Test
    void readsEveryProperty() throws Exception {
        SipSettings settings = SipSettings.from(Map.of(
                SipSettings.BIND_ADDRESS, "0.0.0.0",
                SipSettings.PORT, " 5070 ",
                SipSettings.TRANSPORTS, "UDP, tcp, udp",
                SipSettings.ALLOWED_PEERS, "10.0.0.1, ,[2001:db8::1]")::get);
        assertTrue(settings.bindAddress().isAnyLocalAddress());
        assertEquals(5070, settings.port());
        assertEquals(List.of("udp", "tcp"), settings.transports());
        assertEquals(Set.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("2001:db8::1")),
                settings.allowedPeers());
    }

    @Test
    void siprecSettingsDefaultToNoneAndReadAHeaderAndAListOfDns() {
        SipSettings defaults = SipSettings.from(name -> null);
        assertTrue(defaults.siprec().callIdHeader().isEmpty());
        assertEquals(List.of(), defaults.siprec().recordedDns());

        SipSettings settings = SipSettings.from(Map.of(
                SipSettings.SIPREC_CALL_ID_HEADER, " X-Call-ID ",
                SipSettings.SIPREC_RECORDED_DNS, "4711, sip:agent@pbx.example.com,,")::get);
        assertEquals(java.util.Optional.of("X-Call-ID"), settings.siprec().callIdHeader());
        assertEquals(List.of("4711", "sip:agent@pbx.example.com"), settings.siprec().recordedDns());
    }

    @Test
    void allowedPeersCompareByAddressNotSpelling() throws Exception {
        SipSettings settings = SipSettings.from(Map.of(SipSettings.ALLOWED_PEERS, "0:0:0:0:0:0:0:1")::get);
        assertTrue(settings.allowedPeers().contains(InetAddress.getByName("::1")));
    }

    @Test
    void invalidValuesNameTheProperty() {
        assertMessageNames(SipSettings.PORT, Map.of(SipSettings.PORT, "five"));
        assertMessageNames(SipSettings.PORT, Map.of(SipSettings.PORT, "70000"));
        assertMessageNames(SipSettings.TRANSPORTS, Map.of(SipSettings.TRANSPORTS, "tls"));
        assertMessageNames(SipSettings.BIND_ADDRESS, Map.of(SipSettings.BIND_ADDRESS, "recorder.example.com"));
        assertMessageNames(SipSettings.ALLOWED_PEERS, Map.of(SipSettings.ALLOWED_PEERS, "10.0.0.1,ms.example.com"));
        assertMessageNames(SipSettings.ALLOWED_PEERS, Map.of(SipSettings.ALLOWED_PEERS, "10.0.0.256"));
    }

    private static void assertMessageNames(String property, Map<String, String> values) {
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> SipSettings.from(values::get));
        assertTrue(invalid.getMessage().contains(property), invalid.getMessage());
    }
}
