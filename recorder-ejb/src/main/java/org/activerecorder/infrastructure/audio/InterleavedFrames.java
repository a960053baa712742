package org.activerecorder.infrastructure.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * The interleaved 16-bit little-endian stereo frames of two channels, block by block, as a stream to write: the
 * whole recording, or the stretch a work file is extended by ({@link ProgressiveStereo}).
 */
final class InterleavedFrames extends InputStream {

    private static final int BYTES_PER_FRAME = 4;

    private final ChannelMixer left;
    private final ChannelMixer right;
    private final long endFrame;
    private final int blockFrames;
    private final short[] leftBlock;
    private final short[] rightBlock;
    private final short[] frames;
    private final byte[] block;
    /** {@link #block} as little-endian 16-bit samples: the frames go in with one bulk copy. */
    private final ShortBuffer blockSamples;
    private long nextFrame;
    private int position;
    private int limit;

    /** Frames {@code [0, frames)}. */
    InterleavedFrames(ChannelMixer left, ChannelMixer right, long frames, int blockFrames) {
        this(left, right, 0, frames, blockFrames);
    }

    /** Frames {@code [firstFrame, endFrame)}: the mixers' streams must be placed to be read from {@code firstFrame}. */
    InterleavedFrames(ChannelMixer left, ChannelMixer right, long firstFrame, long endFrame, int blockFrames) {
        this.left = left;
        this.right = right;
        this.endFrame = endFrame;
        this.nextFrame = firstFrame;
        this.blockFrames = Math.min(blockFrames, ChannelMixer.MAX_BLOCK_FRAMES);
        this.leftBlock = new short[this.blockFrames];
        this.rightBlock = new short[this.blockFrames];
        this.frames = new short[this.blockFrames * 2];
        this.block = new byte[this.blockFrames * BYTES_PER_FRAME];
        this.blockSamples = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return block[position++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(block, position, into, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        if (nextFrame >= endFrame) {
            return false;
        }
        int count = (int) Math.min(blockFrames, endFrame - nextFrame);
        left.mix(nextFrame, count, leftBlock);
        right.mix(nextFrame, count, rightBlock);
        for (int i = 0; i < count; i++) {
            frames[2 * i] = leftBlock[i];
            frames[2 * i + 1] = rightBlock[i];
        }
        blockSamples.put(0, frames, 0, 2 * count);
        nextFrame += count;
        position = 0;
        limit = count * BYTES_PER_FRAME;
        return true;
    }
}
