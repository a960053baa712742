package org.activerecorder.interfaces.rest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A file handed out in ranges: the body is exactly the bytes of the range, the tag is the SHA-256 quoted, and a range
 * asked on condition ({@code If-Range}) is served only while the condition is this file's tag.
 */
class RangedFileTest {

    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path folder;

    private Path file;
    private byte[] content;

    @BeforeEach
    void write() throws IOException {
        content = new byte[70_001]; // more than one transfer's buffer, and odd
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 256);
        }
        file = Files.write(folder.resolve("call.wav"), content);
    }

    @Test
    void theBodyIsExactlyTheBytesOfTheRange() throws IOException {
        RangedFile ranged = RangedFile.of(file, SHA256);
        assertEquals(content.length, ranged.size());
        assertArrayEquals(content, bytes(ranged, ranged.select(null, null)), "the whole file");
        assertArrayEquals(Arrays.copyOfRange(content, 44, 16_044), bytes(ranged, ranged.select("bytes=44-16043", null)));
        assertArrayEquals(Arrays.copyOfRange(content, 65_000, 70_001), bytes(ranged, ranged.select("bytes=65000-", null)));
        assertArrayEquals(Arrays.copyOfRange(content, 70_000, 70_001), bytes(ranged, ranged.select("bytes=-1", null)));
    }

    @Test
    void theTagIsTheSha256QuotedAndAnUnknownOneIsNoTag() {
        assertEquals('"' + SHA256 + '"', RangedFile.of(file, SHA256).etag());
        assertNull(RangedFile.of(file, null).etag());
    }

    @Test
    void aConditionalRangeIsServedOnlyWhileTheConditionIsThisFilesTag() {
        RangedFile ranged = RangedFile.of(file, SHA256);
        assertEquals(ByteRange.Kind.PART, ranged.select("bytes=100-199", '"' + SHA256 + '"').kind(), "the same file");
        assertEquals(ByteRange.Kind.PART, ranged.select("bytes=100-199", " \"" + SHA256 + "\" ").kind(),
                "spaces around the header value are not part of it");
        assertEquals(ByteRange.Kind.WHOLE, ranged.select("bytes=100-199", "\"0123\"").kind(), "another file");
        assertEquals(ByteRange.Kind.WHOLE, ranged.select("bytes=100-199", "W/\"" + SHA256 + "\"").kind(),
                "a weak tag never matches (RFC 9110 13.1.5)");
        assertEquals(ByteRange.Kind.WHOLE, ranged.select("bytes=100-199", "Tue, 01 Dec 2026 03:00:00 GMT").kind(),
                "a date: the file has no Last-Modified to compare with");
        assertEquals(ByteRange.Kind.WHOLE, ranged.select("bytes=100-199", SHA256).kind(), "an unquoted tag is not one");
    }

    @Test
    void withoutATagAConditionalRangeGetsTheWholeFileAndAPlainRangeItsPart() {
        RangedFile untagged = RangedFile.of(file, null);
        assertEquals(ByteRange.Kind.WHOLE, untagged.select("bytes=100-199", "\"anything\"").kind());
        assertEquals(ByteRange.Kind.PART, untagged.select("bytes=100-199", null).kind());
    }

    @Test
    void aFileShorterThanAnnouncedFailsTheBodyRatherThanEndingItQuietly() throws IOException {
        RangedFile ranged = RangedFile.of(file, SHA256);
        ByteRange tail = ranged.select("bytes=60000-", null);
        Files.write(file, Arrays.copyOf(content, 65_000)); // cut after the length was announced
        IOException cut = assertThrows(IOException.class, () -> bytes(ranged, tail));
        assertEquals("call.wav ended at 65000 bytes, 5001 short of what was announced", cut.getMessage());
    }

    private static byte[] bytes(RangedFile ranged, ByteRange range) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ranged.body(range).write(out);
        assertEquals(range.count(), out.size(), "as many bytes as announced");
        return out.toByteArray();
    }
}
