package org.activerecorder.application.ports;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The recordings folder: where each stream's file and each finished recording go, as paths relative to the folder
 * (the form the database stores, so the folder can move), and the absolute path of such a relative one.
 */
public interface RecordingFolder {

    /** The stream's file, relative to the folder. */
    String streamFile(Instant recordingStart, long recordingId, String streamId);

    /** The finished recording's file when its decision named none, relative to the folder. */
    String recordingFile(Instant recordingStart, String callUuid, long recordingId);

    /**
     * The finished recording's file named {@code fileName} (a safe name ending {@code .wav}), relative to the folder:
     * where it goes unless the name is taken (see {@link #claimRecordingFile}).
     */
    String recordingFile(Instant recordingStart, String fileName);

    /**
     * A free name for a finished recording named {@code fileName}, held until the claim is closed, so that a
     * recording never overwrites another.
     *
     * @throws IllegalArgumentException when {@code fileName} is not a safe name ending {@code .wav}
     * @throws IllegalStateException    when no free name is left
     */
    Claim claimRecordingFile(Instant recordingStart, String fileName);

    /**
     * The absolute path of a stored relative path.
     *
     * @throws IllegalArgumentException when the path would leave the folder
     */
    Path resolve(String relative);

    /**
     * Deletes the {@code .partial} files older than {@code olderThan} that interrupted assemblies left.
     *
     * @return how many were deleted
     */
    int deleteAbandonedPartials(Duration olderThan);

    /** A finished recording's file name held for one assembly; closing it lets others see the name (now taken). */
    interface Claim extends AutoCloseable {

        /** The file, relative to the folder. */
        String file();

        @Override
        void close();
    }
}
