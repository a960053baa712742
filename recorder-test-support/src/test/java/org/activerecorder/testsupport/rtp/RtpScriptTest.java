package org.activerecorder.testsupport.rtp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** A script can only say what a 20 ms packetiser can do. */
class RtpScriptTest {

    @Test
    void spansAreWholePackets() {
        assertThrows(IllegalArgumentException.class, () -> RtpScript.create().silence(Duration.ofMillis(30)));
        assertThrows(IllegalArgumentException.class, () -> RtpScript.create().hold(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RtpScript.create().dtmf('1', Duration.ofMillis(-20)));
    }

    @Test
    void onlyDtmfKeysAreDigits() {
        RtpScript.create().dtmf('*', Duration.ofMillis(40)).dtmf('d', Duration.ofMillis(40));
        assertThrows(IllegalArgumentException.class, () -> RtpScript.create().dtmf('E', Duration.ofMillis(40)));
    }
}
