package org.activerecorder.domain.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1001", "+15551234567", "*86", "VQ_Sales", "route-point.1"})
    void acceptsDirectoryNumbersSwitchesUse(String dn) {
        assertEquals(dn, new Dn(dn).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10 01", "1001;x=1", "<sip:1001>", "12345678901234567890123456789012345678901234567890123456789012345"})
    void refusesWhatIsNotADirectoryNumber(String dn) {
        assertThrows(IllegalArgumentException.class, () -> new Dn(dn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01GQ7VBTN8ABCDEF0123456789ABCDEF", "a-b_c.d"})
    void acceptsCallUuids(String uuid) {
        assertEquals(uuid, new CallUuid(uuid).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "x\u00e9"})
    void refusesMalformedCallUuids(String uuid) {
        assertThrows(IllegalArgumentException.class, () -> new CallUuid(uuid));
    }
}
