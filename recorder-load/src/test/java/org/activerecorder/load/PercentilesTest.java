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
}
