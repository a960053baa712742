package org.activerecorder.infrastructure.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A mono stream file written as the RTP adapter's {@code WavFile} writes it: a 44-byte header rewritten after every
 * batch, samples appended with positional writes, a skipped stretch left as a hole (read as zeros) whose last sample
 * is written when nothing follows it yet.
 */
final class GrowingStreamFile {

    private final FileChannel channel;
    private final int rate;
    private long dataBytes;
    private long writtenBytes;

    GrowingStreamFile(Path path, int rate) throws IOException {
        Files.createDirectories(path.getParent());
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        this.rate = rate;
        commit();
    }

    /** One batch: the samples, then the header. */
    GrowingStreamFile append(short[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        bytes.flip();
        while (bytes.hasRemaining()) {
            dataBytes += channel.write(bytes, 44 + dataBytes);
        }
        writtenBytes = dataBytes;
        commit();
        return this;
    }

    /** A hole of {@code samples} (a pause, a stretch nothing came for). */
    GrowingStreamFile skip(int samples) throws IOException {
        dataBytes += samples * 2L;
        commit();
        return this;
    }

    void close() throws IOException {
        commit();
        channel.force(true);
        channel.close();
    }

    private void commit() throws IOException {
        if (writtenBytes < dataBytes) {
            channel.write(ByteBuffer.allocate(2), 44 + dataBytes - 2);
            writtenBytes = dataBytes;
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt((int) dataBytes).flip();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
    }
}
