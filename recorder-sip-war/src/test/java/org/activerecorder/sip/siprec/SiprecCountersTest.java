package org.activerecorder.sip.siprec;

import org.activerecorder.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every SIPREC refusal counted by its reason, and the summary line spaced out so that a flood fills no log. */
class SiprecCountersTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SiprecCounters counters = new SiprecCounters(nanos::get);
    // the tests' logging.properties shows warnings only
    private final LogCapture log = LogCapture.of(SiprecCounters.class, Level.INFO);

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void eachRefusalIsCountedByItsReasonAndTheSummarySaysAll() {
        counters.sessionRead();
        counters.metadataUpdated();
        counters.channelsCorrected();
        counters.refused(Refusal.Reason.TOO_LARGE);
        counters.refused(Refusal.Reason.MALFORMED_METADATA);
        counters.refused(Refusal.Reason.MALFORMED_METADATA);
        counters.offerRefused();

        assertEquals(1, counters.refusals(Refusal.Reason.TOO_LARGE));
        assertEquals(2, counters.refusals(Refusal.Reason.MALFORMED_METADATA));
        assertEquals(0, counters.refusals(Refusal.Reason.UNSUPPORTED_BODY));
        assertEquals(1, counters.offersRefused());
        assertEquals("SIPREC since start: 1 session(s), 1 metadata update(s), 1 channel correction(s); refused: "
                + "TOO_LARGE=1 UNSUPPORTED_BODY=0 MALFORMED_BODY=0 MALFORMED_METADATA=2 NOT_RECORDING_METADATA=0 "
                + "OFFER=1", counters.summary());
    }

    @Test
    void theSummaryIsLoggedAtTheFirstRefusalThenAtMostOnceAMinute() {
        counters.refused(Refusal.Reason.TOO_LARGE);
        assertEquals(1, log.messages().size(), "the first refusal shows the counters");
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(100_000_000L); // 10 s in all
            counters.refused(Refusal.Reason.MALFORMED_BODY);
        }
        assertEquals(1, log.messages().size(), "a flood adds nothing within the minute");

        nanos.addAndGet(SiprecCounters.SUMMARY_SPACING.toNanos());
        counters.offerRefused();
        assertEquals(2, log.messages().size());
    }
}
