package org.activerecorder.sip.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One log line for everything the SIP side refused: its own counts and the summaries joined to them. */
class SipCountersTest {

    @Test
    void theLogLineCarriesTheJoinedSummariesAndIsWrittenAgainWhenOnlyTheyChange() {
        SipCounters counters = new SipCounters();
        AtomicLong siprecRefusals = new AtomicLong();
        counters.alongside(() -> "SIPREC since start: refused " + siprecRefusals.get());
        counters.forbiddenPeer();
        counters.forbiddenPeerDropped();

        assertEquals("SIP refusals since start: refused peers 1 (403, or dropped over TCP 1), overloaded (503) 0, "
                + "session limit (503) 0, per-peer session limit (503) 0, oversized dropped 0, malformed 0; "
                + "datagrams not sent 0, sends that waited for a full queue 0; SIPREC since start: refused 0", counters.line());
        assertTrue(counters.logIfChanged());
        assertFalse(counters.logIfChanged(), "nothing moved: no line");
        siprecRefusals.incrementAndGet();
        assertTrue(counters.logIfChanged(), "a joined summary moved: a new line");
        assertTrue(counters.line().endsWith("refused 1"), counters.line());
    }
}
