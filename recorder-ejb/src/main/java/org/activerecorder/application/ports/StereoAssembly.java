package org.activerecorder.application.ports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Assembles the parties' mono streams into one stereo file, aligned in time: the recorded party's streams on the
 * left channel, the other party's on the right, each at the instant of its first sample. A stream whose file is
 * missing or unreadable is silence, named in {@link AssembledFile#missing()}; once this returns the file is durably
 * in place.
 */
public interface StereoAssembly {

    /**
     * @param left       the recorded party's streams (any number, in any order)
     * @param right      the other party's streams
     * @param target     where the stereo file goes (an existing file is replaced)
     * @param sampleRate the output's rate; every input is at it or at a rate that divides it (up-sampled)
     * @throws IOException when a stream is in another format, or the result cannot be written
     */
    AssembledFile assemble(List<ChannelSource> left, List<ChannelSource> right, Path target, int sampleRate)
            throws IOException;

    /**
     * The same, for recording {@code recordingId}, whose file may have been built while it went on
     * ({@link ProgressiveAssembly}): then only its end is left to do. The result is byte for byte the same.
     *
     * @param fileSha256 whether the file's SHA-256 is wanted now; without it, a file built during the call is not
     *                   read back to be hashed ({@link AssembledFile#sha256()} is then {@code null}; a file
     *                   assembled in full is hashed as it is written, and has it either way)
     */
    default AssembledFile assemble(long recordingId, List<ChannelSource> left, List<ChannelSource> right,
                                   Path target, int sampleRate, boolean fileSha256) throws IOException {
        return assemble(left, right, target, sampleRate);
    }

    /**
     * The lower-case hex SHA-256 of a file, read from its start (64 KiB at a time): the file's SHA-256 as
     * {@link AssembledFile#sha256()} gives it, for a file stored without it.
     */
    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = newSha256();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A new SHA-256 digest. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
