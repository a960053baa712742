package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.WavHeader;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavFileTest {

    @TempDir
    Path folder;

    @Test
    void aNewFileIsAlreadyAValidEmptyWavInNewFolders() throws IOException {
        Path path = folder.resolve("2026/11/26/call.wav");

        try (WavFile file = WavFile.create(path, 8000)) {
            WavContent content = WavContent.read(path);
            assertTrue(content.isRecorderFormat(), content.format().toString());
            assertEquals(0, content.frameLength());
            assertEquals(0, file.samplesWritten());
        }
    }

    @Test
    void everyAppendedSampleIsInTheFileAndItsSizeWhileTheHeaderWaitsForTheClose() throws IOException {
        Path path = folder.resolve("live.wav");
        try (WavFile file = WavFile.create(path, 8000)) {
            file.append(samples(1, 100));
            file.commit();
            file.append(samples(1000, 50)); // not committed: a crash now still leaves it in the file

            byte[] bytes = Files.readAllBytes(path);
            WavHeader.Canonical header = WavHeader.canonical(ByteBuffer.wrap(bytes, 0, WavHeader.LENGTH));
            assertEquals(new WavHeader.Canonical(1, 8000, 16, 0), header, "no header rewrite per batch");
            assertEquals(300, header.dataBytesIn(bytes.length), "what crash recovery takes the length from");
            short[] expected = new short[150];
            System.arraycopy(sequence(1, 100), 0, expected, 0, 100);
            System.arraycopy(sequence(1000, 50), 0, expected, 100, 50);
            assertArrayEquals(expected, samplesAfterHeader(bytes));
            assertEquals(150, file.samplesWritten());
        }
        assertEquals(150, WavContent.read(path).frameLength(), "the header at the close");
    }

    @Test
    void closeWritesTheFinalHeader() throws IOException {
        Path path = folder.resolve("done.wav");
        WavFile file = WavFile.create(path, 8000);
        file.append(samples(-500, 1000));
        file.close();
        file.close();

        WavContent content = WavContent.read(path);
        assertTrue(content.isRecorderFormat());
        assertEquals(1000, content.frameLength());
        assertArrayEquals(sequence(-500, 1000), content.samples());
        assertEquals(WavFile.HEADER_LENGTH + 2000, Files.size(path));
    }

    @Test
    void aSkipIsSilenceBetweenTheAudioAroundIt() throws IOException {
        Path path = folder.resolve("hold.wav");
        try (WavFile file = WavFile.create(path, 8000)) {
            file.append(samples(1, 100));
            file.skip(8000);
            file.append(samples(200, 50));
            assertEquals(8150, file.samplesWritten());
        }

        WavContent content = WavContent.read(path);
        assertEquals(8150, content.frameLength());
        short[] expected = new short[8150];
        System.arraycopy(sequence(1, 100), 0, expected, 0, 100);
        System.arraycopy(sequence(200, 50), 0, expected, 8100, 50);
        assertArrayEquals(expected, content.samples());
    }

    @Test
    void aSkipAtTheEndMakesTheFileThatLongAtTheNextCommit() throws IOException {
        Path path = folder.resolve("paused.wav");
        try (WavFile file = WavFile.create(path, 8000)) {
            file.append(samples(7, 10));
            file.commit();
            file.skip(3 * 8000);
            file.commit();

            assertEquals(WavFile.HEADER_LENGTH + 2L * (10 + 3 * 8000), Files.size(path), "a crash now leaves it whole");

            file.skip(8000); // and once more, closed without an explicit commit
        }

        WavContent content = WavContent.read(path);
        assertEquals(10 + 4 * 8000, content.frameLength());
        assertEquals(WavFile.HEADER_LENGTH + 2L * (10 + 4 * 8000), Files.size(path));
        short[] samples = content.samples();
        assertArrayEquals(sequence(7, 10), java.util.Arrays.copyOf(samples, 10));
        for (int i = 10; i < samples.length; i++) {
            assertEquals(0, samples[i], "silence at " + i);
        }
    }

    @Test
    void gatheredAppendsWriteBothPartsInOrderAroundHolesAndHoleEnds() throws IOException {
        Path path = folder.resolve("gathered.wav");
        try (WavFile file = WavFile.create(path, 8000)) {
            file.append(samples(1, 30), samples(100, 20)); // the first append: the channel still at the header
            file.skip(40);
            file.commit(); // the hole's last sample written positionally: the next append must not land there
            file.append(samples(300, 10), samples(400, 5));
            file.append(samples(500, 7));
            file.skip(3);
            file.append(samples(600, 2), samples(700, 1));
            file.append(samples(800, 4), ByteBuffer.allocate(0)); // an empty second part still writes the first
            assertEquals(122, file.samplesWritten());
        }

        short[] expected = new short[122];
        System.arraycopy(sequence(1, 30), 0, expected, 0, 30);
        System.arraycopy(sequence(100, 20), 0, expected, 30, 20);
        System.arraycopy(sequence(300, 10), 0, expected, 90, 10);
        System.arraycopy(sequence(400, 5), 0, expected, 100, 5);
        System.arraycopy(sequence(500, 7), 0, expected, 105, 7);
        System.arraycopy(sequence(600, 2), 0, expected, 115, 2);
        System.arraycopy(sequence(700, 1), 0, expected, 117, 1);
        System.arraycopy(sequence(800, 4), 0, expected, 118, 4);
        WavContent content = WavContent.read(path);
        assertTrue(content.isRecorderFormat());
        assertArrayEquals(expected, content.samples());
        assertEquals(WavFile.HEADER_LENGTH + 2L * 122, Files.size(path));
    }

    @Test
    void aGatheredAppendBeyondTheSizeLimitFailsBeforeWriting() throws IOException {
        Path path = folder.resolve("gathered-limit.wav");
        try (WavFile file = WavFile.create(path, 8000)) {
            file.skip(WavHeader.MAX_DATA_BYTES / 2 - 10);
            ByteBuffer first = samples(1, 6);
            ByteBuffer second = samples(1, 6);

            assertThrows(IOException.class, () -> file.append(first, second));
            assertEquals(24, first.remaining() + second.remaining(), "nothing consumed");
            assertEquals(WavHeader.MAX_DATA_BYTES / 2 - 10, file.samplesWritten());
            file.discard();
        }
    }

    @Test
    void aSkipBeyondTheSizeLimitFailsAndLeavesTheFileAsItWas() throws IOException {
        Path path = folder.resolve("limit.wav");
        try (WavFile file = WavFile.create(path, 8000)) {
            file.append(samples(1, 10));

            assertThrows(IOException.class, () -> file.skip(0x8000_0000L));
            assertThrows(IOException.class, () -> file.skip(-1));
            assertEquals(10, file.samplesWritten());
        }
        assertEquals(10, WavContent.read(path).frameLength());
    }

    @Test
    void neverOverwritesAnExistingRecording() throws IOException {
        Path path = folder.resolve("earlier.wav");
        Files.write(path, new byte[] {1, 2, 3});

        assertThrows(FileAlreadyExistsException.class, () -> WavFile.create(path, 8000));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(path));
    }

    @Test
    void discardRemovesTheFile() throws IOException {
        Path path = folder.resolve("abandoned.wav");
        WavFile.create(path, 8000).discard();

        assertFalse(Files.exists(path));
    }

    private static short[] samplesAfterHeader(byte[] file) {
        ByteBuffer data = ByteBuffer.wrap(file, WavHeader.LENGTH, file.length - WavHeader.LENGTH).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[data.remaining() / 2];
        data.asShortBuffer().get(samples);
        return samples;
    }

    private static ByteBuffer samples(int first, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : sequence(first, count)) {
            buffer.putShort(sample);
        }
        return buffer.flip();
    }

    private static short[] sequence(int first, int count) {
        short[] values = new short[count];
        for (int i = 0; i < count; i++) {
            values[i] = (short) (first + i);
        }
        return values;
    }
}
