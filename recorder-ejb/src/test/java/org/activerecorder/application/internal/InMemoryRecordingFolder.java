package org.activerecorder.application.internal;

import org.activerecorder.application.ports.RecordingFolder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A recordings folder for services whose tests look at no file: names follow the real layout's parts without its
 * day folders, claims are held in memory, and nothing is ever written, so nothing is ever partial.
 */
final class InMemoryRecordingFolder implements RecordingFolder {

    private static final Path ROOT = Path.of("/in-memory-recordings");

    private final Set<String> claimed = new HashSet<>();

    @Override
    public String streamFile(Instant recordingStart, long recordingId, String streamId) {
        return "streams/" + recordingId + "/" + streamId + ".wav";
    }

    @Override
    public String recordingFile(Instant recordingStart, String callUuid, long recordingId) {
        return callUuid + "_" + recordingId + ".wav";
    }

    @Override
    public String recordingFile(Instant recordingStart, String fileName) {
        return fileName;
    }

    @Override
    public Claim claimRecordingFile(Instant recordingStart, String fileName) {
        String base = fileName.substring(0, fileName.length() - ".wav".length());
        String file = fileName;
        for (int n = 2; !claimed.add(file); n++) {
            file = base + "-" + n + ".wav";
        }
        String held = file;
        return new Claim() {
            @Override
            public String file() {
                return held;
            }

            @Override
            public void close() {
                claimed.remove(held);
            }
        };
    }

    @Override
    public Path resolve(String relative) {
        return ROOT.resolve(relative);
    }

    @Override
    public int deleteAbandonedPartials(Duration olderThan) {
        return 0;
    }
}
