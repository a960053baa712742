package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every SIPREC refusal counted by its reason, and the summary line spaced out so that a flood fills no log. */
class SiprecCountersTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SiprecCounters counters = new SiprecCounters(nanos::get);
    private final List<String> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(SiprecCounters.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final Level testLevel = logger.getLevel();

    {
        logger.addHandler(capture);
        logger.setLevel(Level.INFO); // the tests' logging.properties shows warnings only
    }

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
        logger.setLevel(testLevel);
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
        assertEquals(1, logged.size(), "the first refusal shows the counters");
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(100_000_000L); // 10 s in all
            counters.refused(Refusal.Reason.MALFORMED_BODY);
        }
        assertEquals(1, logged.size(), "a flood adds nothing within the minute");

        nanos.addAndGet(SiprecCounters.SUMMARY_SPACING.toNanos());
        counters.offerRefused();
        assertEquals(2, logged.size());
    }
}
