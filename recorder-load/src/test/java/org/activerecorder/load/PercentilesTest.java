package org.activerecorder.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredValues() {
        List<Long> nanos = new ArrayList<>();
        for (long millis = 100; millis >= 1; millis--) {
            nanos.add(millis * 1_000_000);
        }
        Percentiles percentiles = Percentiles.ofNanos(nanos);
        assertEquals(100, percentiles.count());
        assertEquals(50.0, percentiles.p50());
        assertEquals(90.0, percentiles.p90());
        assertEquals(99.0, percentiles.p99());
        assertEquals(100.0, percentiles.max());
    }

    @Test
    void oneValueIsEveryPercentile() {
        Percentiles percentiles = Percentiles.ofNanos(List.of(1_234_000L));
        assertEquals(1.23, percentiles.p50());
        assertEquals(1.23, percentiles.p99());
    }

    @Test
    void noValuesAreNotAFigure() {
        assertEquals(0, Percentiles.ofNanos(List.of()).count());
        assertEquals("none", Percentiles.ofNanos(List.of()).toString());
    }

    @Test
    void aBurstIsCutIntoConsecutiveSlicesInTheOrderGiven() {
        // 12 completions in the order their calls ended: the first four slow, as when the ends begin on full cores
        List<Long> inOrder = new ArrayList<>();
        for (long millis : new long[] {400, 300, 350, 320, 20, 30, 25, 22, 10, 12, 11, 9}) {
            inOrder.add(millis * 1_000_000);
        }
        List<Percentiles> thirds = Percentiles.ofNanosInParts(inOrder, 3);
        assertEquals(3, thirds.size());
        assertEquals(List.of(4, 4, 4), thirds.stream().map(Percentiles::count).toList());
        assertEquals(400.0, thirds.get(0).p99());
        assertEquals(30.0, thirds.get(1).p99());
        assertEquals(12.0, thirds.get(2).p99());

        List<Percentiles> fifths = Percentiles.ofNanosInParts(inOrder, 5);
        assertEquals(List.of(2, 2, 3, 2, 3), fifths.stream().map(Percentiles::count).toList(),
                "every completion in one slice, none twice");
        assertEquals(List.of(0, 0, 0), Percentiles.ofNanosInParts(List.of(), 3).stream().map(Percentiles::count)
                .toList());
    }
}
