package org.activerecorder.infrastructure.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingStorageTest {

    private static final Instant NOW = Instant.parse("2026-11-30T00:30:00Z");

    @TempDir
    Path root;

    private RecordingStorage storage() {
        return new RecordingStorage(root, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void abandonedPartialFilesOfRecentDaysAreDeletedAndFreshOnesKept() throws Exception {
        Path yesterdays = partial("2026/11/29/CALL_1.wav.partial", NOW.minus(Duration.ofHours(2)));
        Path todays = partial("2026/11/30/CALL_2.wav.partial", NOW.minus(Duration.ofMinutes(20)));
        Path running = partial("2026/11/30/CALL_3.wav.partial", NOW.minus(Duration.ofMinutes(1)));
        Path finished = partial("2026/11/30/CALL_4.wav", NOW.minus(Duration.ofHours(2)));

        int deleted = storage().deleteAbandonedPartials(Duration.ofMinutes(10));

        assertEquals(2, deleted);
        assertFalse(Files.exists(yesterdays));
        assertFalse(Files.exists(todays));
        assertTrue(Files.exists(running), "an assembly may be writing it now");
        assertTrue(Files.exists(finished), "only partial files");
    }

    @Test
    void filesAreNamedByTheDayTheRecordingStartedAndStayInsideTheRoot() {
        RecordingStorage storage = storage();
        assertEquals("2026/11/29/streams/7/s.wav", storage.streamFile(Instant.parse("2026-11-29T23:59:59Z"), 7, "s"));
        assertEquals(root.resolve("2026/11/29/C_7.wav"), storage.resolve(storage.recordingFile(
                Instant.parse("2026-11-29T23:59:59Z"), "C", 7)));
        assertThrows(IllegalArgumentException.class, () -> storage.resolve("../outside.wav"));
    }

    @Test
    void aNamedRecordingTakesTheFirstNameNeitherOnDiskNorHeldByAnotherAssembly() throws Exception {
        RecordingStorage storage = storage();
        Instant start = Instant.parse("2026-11-29T23:59:59Z");
        partial("2026/11/29/1001_CALL.wav", NOW); // a recording already stored under the name

        try (RecordingStorage.Claim second = storage.claimRecordingFile(start, "1001_CALL.wav");
             RecordingStorage.Claim third = storage.claimRecordingFile(start, "1001_CALL.wav")) {
            assertEquals("2026/11/29/1001_CALL-2.wav", second.file());
            assertEquals("2026/11/29/1001_CALL-3.wav", third.file(), "the -2 is held by an assembly running now");
        }
        assertEquals("2026/11/29/1001_CALL-2.wav", storage.claimRecordingFile(start, "1001_CALL.wav").file(),
                "a claim given up without a file frees its name");
        assertEquals("2026/11/29/other.wav", storage.claimRecordingFile(start, "other.wav").file());
    }

    @Test
    void aClaimedNameHoldsNoFolderAndEndsWav() {
        RecordingStorage storage = storage();
        for (String bad : new String[]{"../x.wav", "a/b.wav", "a\\b.wav", "x.mp3", ".wav"}) {
            assertThrows(IllegalArgumentException.class, () -> storage.claimRecordingFile(NOW, bad), bad);
        }
    }

    private Path partial(String relative, Instant modified) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[]{1});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
