package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A burst of late closes is told in two lines, its first and its end, whatever its size. */
class LateClosesTest {

    private final LateCloses closes = new LateCloses();

    @Test
    void aBurstIsToldByItsFirstLateCloseAndByItsLastOneDone() {
        assertEquals("stream s1 was not closed within 10 s: closes are behind (the file closers' queue); closes later"
                + " than that are counted, and summed up once they are all done", closes.outlived("s1", 10));
        for (int i = 2; i <= 1_219; i++) {
            assertNull(closes.outlived("s" + i, 10), "told already: " + i);
        }
        for (int i = 1; i < 1_219; i++) {
            assertNull(closes.finished(10_500_000_000L + i * 1_000_000L, true), "still late ones: " + i);
        }
        assertEquals("1219 stream closes were late, the slowest done 12.7 s after it was asked for, every one of them"
                + " done; none is late now", closes.finished(12_700_000_000L, true));
    }

    @Test
    void theNextBurstIsToldAgainAndCountsItsOwnFailures() {
        closes.outlived("a", 10);
        closes.finished(11_000_000_000L, true);

        assertEquals("stream b was not closed within 10 s: closes are behind (the file closers' queue); closes later"
                + " than that are counted, and summed up once they are all done", closes.outlived("b", 10));
        closes.outlived("c", 10);
        assertNull(closes.finished(10_200_000_000L, false));
        assertEquals("2 stream closes were late, the slowest done 10.3 s after it was asked for, 1 of them failed"
                + " (logged each); none is late now", closes.finished(10_300_000_000L, true));
    }
}
