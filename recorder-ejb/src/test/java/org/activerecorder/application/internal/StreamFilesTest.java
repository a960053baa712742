package org.activerecorder.application.internal;

import org.activerecorder.rtp.api.WavHeader;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What crash recovery reads of a stream file: the adapter writes a file's final header only when it closes it, so a
 * file the server left open says less in its header than it holds.
 */
class StreamFilesTest {

    @TempDir
    Path root;

    @Test
    void aFileLeftOpenHasAllItHoldsAndItsHeaderIsRewrittenToSaySo() throws IOException {
        short[] samples = ramp(4000);
        Path file = write("open.wav", 8000, samples, 0, 0);

        assertEquals(4000, files().samplesIn("open.wav"));

        WavContent content = WavContent.read(file);
        assertEquals(4000, content.frameLength(), "any reader now sees the whole stream");
        assertArrayEquals(samples, content.samples());
    }

    @Test
    void aFileWithAnOddByteAtItsEndHasItsWholeSamples() throws IOException {
        write("torn.wav", 8000, ramp(300), 2 * 100, 1); // a write cut inside a sample

        assertEquals(300, files().samplesIn("torn.wav"));
    }

    @Test
    void aClosedFileAndAFileCutShortAreAsLongAsTheirHeadersSay() throws IOException {
        Path closed = write("closed.wav", 16000, ramp(500), 2 * 500, 0);
        write("short.wav", 8000, ramp(500), 2 * 800, 0);
        byte[] before = Files.readAllBytes(closed);

        assertEquals(500, files().samplesIn("closed.wav"));
        assertEquals(800, files().samplesIn("short.wav"), "the rest is silence, as the full assembly reads it");
        assertArrayEquals(before, Files.readAllBytes(closed), "a right header is left as it is");
    }

    @Test
    void aMissingFileOrOneThatIsNoWavHasNoSamples() throws IOException {
        Files.write(root.resolve("noise.wav"), new byte[100]);

        assertEquals(0, files().samplesIn("noise.wav"));
        assertEquals(0, files().samplesIn("absent.wav"));
    }

    private StreamFiles files() {
        return new StreamFiles(RecordingStorageForTests.at(root));
    }

    private Path write(String name, int rate, short[] samples, long dataBytesInHeader, int extraBytes)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(WavHeader.LENGTH + samples.length * 2 + extraBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(WavHeader.put(ByteBuffer.allocate(WavHeader.LENGTH), 1, rate, dataBytesInHeader));
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        Path file = root.resolve(name);
        Files.write(file, bytes.array());
        return file;
    }

    private static short[] ramp(int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) (i * 7 - 3000);
        }
        return samples;
    }
}
