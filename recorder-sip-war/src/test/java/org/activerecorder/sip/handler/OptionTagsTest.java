package org.activerecorder.sip.handler;

import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.activerecorder.sip.handler.SessionTimerPolicyTest.invite;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Require parsing against what we support, on parsed requests. */
class OptionTagsTest {

    @Test
    void whatWeSupportIsNeverRefused() throws Exception {
        assertEquals(List.of(), OptionTags.unsupported(invite()));
        assertEquals(List.of(), OptionTags.unsupported(invite("Require: siprec")));
        assertEquals(List.of(), OptionTags.unsupported(invite("Require: timer, siprec")));
        assertEquals(List.of(), OptionTags.unsupported(invite("Require: TIMER", "Require: SipRec")),
                "option tags are compared without case");
        assertDoesNotThrow(() -> OptionTags.check(invite("Require: siprec", "Supported: 100rel, replaces")),
                "Supported names what the sender can do, not what it needs");
    }

    @Test
    void everyUnknownTagIsNamedOnceInTheOrderGiven() throws Exception {
        assertEquals(List.of("100rel"), OptionTags.unsupported(invite("Require: 100rel, timer")));
        assertEquals(List.of("precondition", "100rel"), OptionTags.unsupported(
                invite("Require: precondition, siprec", "Require: 100rel", "Require: precondition")));
    }

    @Test
    void anUnknownTagIs420WithUnsupported() throws Exception {
        RequestRejected refused = assertThrows(RequestRejected.class,
                () -> OptionTags.check(invite("Require: siprec, 100rel, foo")));
        assertEquals(420, refused.rejection().statusCode());
        assertEquals("100rel, foo", refused.rejection().headers().get("Unsupported"));
    }

    @Test
    void theSupportedHeaderListsWhatWeDo() {
        assertEquals("siprec, timer", OptionTags.SUPPORTED_HEADER);
    }
}
