package org.activerecorder.application.ports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A finished recording's stream files go, and their folder with them once nothing else is in it. */
class FileRemovalsTest {

    @TempDir
    Path root;

    @Test
    void bothStreamsOfARecordingGoAndTheirFolderWithThem() throws Exception {
        Path folder = Files.createDirectories(root.resolve("streams/17"));
        Path a = Files.write(folder.resolve("a.wav"), new byte[10]);
        Path b = Files.write(folder.resolve("b.wav"), new byte[10]);

        assertEquals(0, FileRemovals.removeNow(List.of(a, b)));

        assertFalse(Files.exists(a));
        assertFalse(Files.exists(b));
        assertFalse(Files.exists(folder));
        assertTrue(Files.isDirectory(root.resolve("streams")), "only the recording's own folder goes");
    }

    @Test
    void aFolderWithAFileNotNamedStays() throws Exception {
        Path folder = Files.createDirectories(root.resolve("streams/18"));
        Path a = Files.write(folder.resolve("a.wav"), new byte[10]);
        Path kept = Files.write(folder.resolve("missing-audio-kept.wav"), new byte[10]);

        assertEquals(0, FileRemovals.removeNow(List.of(a)));

        assertFalse(Files.exists(a));
        assertTrue(Files.exists(kept));
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aFileThatCannotBeRemovedIsCountedAndKeepsItsFolder() throws Exception {
        Path folder = Files.createDirectories(root.resolve("streams/19"));
        Path a = Files.write(folder.resolve("a.wav"), new byte[10]);
        Path notEmpty = Files.createDirectories(folder.resolve("b.wav"));
        Files.write(notEmpty.resolve("inside"), new byte[1]);

        assertEquals(1, FileRemovals.removeNow(List.of(a, notEmpty)));

        assertFalse(Files.exists(a));
        assertTrue(Files.exists(notEmpty));
        assertTrue(Files.isDirectory(folder));
    }
}
