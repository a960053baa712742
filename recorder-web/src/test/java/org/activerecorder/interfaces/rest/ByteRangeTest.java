package org.activerecorder.interfaces.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.activerecorder.interfaces.rest.ByteRange.Kind.PART;
import static org.activerecorder.interfaces.rest.ByteRange.Kind.UNSATISFIABLE;
import static org.activerecorder.interfaces.rest.ByteRange.Kind.WHOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code Range} header over a 10,000-byte file, as RFC 9110 section 14 reads it: the single ranges a player sends
 * are served as exactly the bytes asked (clipped to the file), ranges past the end are unsatisfiable, and whatever the
 * server may ignore gets the whole file.
 */
class ByteRangeTest {

    private static final long SIZE = 10_000;

    @Test
    void aClosedRangeIsThoseBytesInclusive() {
        assertPart("bytes=0-499", 0, 499);
        assertPart("bytes=500-999", 500, 999);
        assertPart("bytes=9999-9999", 9999, 9999);
        assertEquals(500, ByteRange.of("bytes=500-999", SIZE).count());
        assertEquals("bytes 500-999/10000", ByteRange.of("bytes=500-999", SIZE).contentRange());
    }

    @Test
    void aRangeRunningPastTheEndIsClippedToTheFile() {
        assertPart("bytes=9000-20000", 9000, 9999);
        assertPart("bytes=0-99999999999999999999999", 0, 9999);
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertPart("bytes=0-", 0, 9999);
        assertPart("bytes=4321-", 4321, 9999);
        assertEquals("bytes 4321-9999/10000", ByteRange.of("bytes=4321-", SIZE).contentRange());
    }

    @Test
    void aSuffixIsTheLastBytesOrAllOfAShorterFile() {
        assertPart("bytes=-500", 9500, 9999);
        assertPart("bytes=-10000", 0, 9999);
        assertPart("bytes=-20000", 0, 9999);
        assertPart("bytes=-99999999999999999999999", 0, 9999);
    }

    @Test
    void theUnitIsCaseInsensitiveAndSpacesAroundTheRangeAreAllowed() {
        assertPart("Bytes=10-19", 10, 19);
        assertPart("BYTES = 10-19 ", 10, 19);
        assertPart("bytes=\t-5", 9995, 9999);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=10000-", "bytes=10000-10010", "bytes=20000-30000", "bytes=-0",
            "bytes=99999999999999999999999-"})
    void noByteOfTheFileInTheRangeIsUnsatisfiable(String header) {
        ByteRange range = ByteRange.of(header, SIZE);
        assertEquals(UNSATISFIABLE, range.kind(), header);
        assertEquals("bytes */10000", range.contentRange());
    }

    @Test
    void anEmptyFileHasNoByteToServe() {
        assertEquals(UNSATISFIABLE, ByteRange.of("bytes=0-", 0).kind());
        assertEquals(UNSATISFIABLE, ByteRange.of("bytes=-10", 0).kind());
        assertEquals(WHOLE, ByteRange.of(null, 0).kind());
        assertEquals(0, ByteRange.of(null, 0).count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-9,20-29", "bytes=0-9, -5", "items=0-9", "bytes", "bytes=", "bytes=abc",
            "bytes=9-0", "bytes=-", "bytes=1-2-3", "bytes=+1-2", "=0-9", "bytes=0x10-20"})
    void severalRangesOtherUnitsAndMalformedRangesGetTheWholeFile(String header) {
        ByteRange range = ByteRange.of(header, SIZE);
        assertEquals(WHOLE, range.kind(), header);
        assertEquals(0, range.first());
        assertEquals(SIZE, range.count());
    }

    @Test
    void noHeaderIsTheWholeFile() {
        ByteRange range = ByteRange.of(null, SIZE);
        assertEquals(WHOLE, range.kind());
        assertEquals(SIZE, range.count());
    }

    private static void assertPart(String header, long first, long last) {
        ByteRange range = ByteRange.of(header, SIZE);
        assertEquals(PART, range.kind(), header);
        assertEquals(first, range.first(), header + ": first byte");
        assertEquals(last, range.last(), header + ": last byte");
        assertEquals(SIZE, range.total());
    }
}
