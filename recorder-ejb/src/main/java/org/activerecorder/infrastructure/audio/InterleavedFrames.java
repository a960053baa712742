package org.activerecorder.infrastructure.audio;

import java.io.IOException;
import java.io.InputStream;

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
    private final byte[] block;
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
        this.block = new byte[this.blockFrames * BYTES_PER_FRAME];
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
            int at = i * BYTES_PER_FRAME;
            block[at] = (byte) leftBlock[i];
            block[at + 1] = (byte) (leftBlock[i] >> 8);
            block[at + 2] = (byte) rightBlock[i];
            block[at + 3] = (byte) (rightBlock[i] >> 8);
        }
        nextFrame += count;
        position = 0;
        limit = count * BYTES_PER_FRAME;
        return true;
    }
}
