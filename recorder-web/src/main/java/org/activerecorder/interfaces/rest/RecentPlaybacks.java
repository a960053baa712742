package org.activerecorder.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which reads of a recording's audio go on the audit log: a player that seeks makes a ranged request per seek, and one
 * playback must not become dozens of entries, yet no byte may leave without one. So a read that starts at byte 0 (a
 * download, a player's first request, a replay from the start) always writes an entry, and a read from anywhere else
 * writes one only when the same user has had no entry for that recording in the last {@link #WINDOW} on this server.
 * Bounded: past {@link #MAX_KEPT} pairs it forgets them all, which costs an extra entry, never a missed one.
 */
@ApplicationScoped
public class RecentPlaybacks {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int MAX_KEPT = 10_000;

    private final Map<String, Long> lastEntry = new ConcurrentHashMap<>();

    /**
     * Whether {@code user}'s read of {@code recordingId} from byte {@code firstByte} at {@code nowNanos} (a
     * {@link System#nanoTime()}) needs an audit entry. Two reads at once may both need one: an extra entry, not a
     * missed one.
     */
    public boolean needsEntry(String user, long recordingId, long firstByte, long nowNanos) {
        Long last = lastEntry.get(key(user, recordingId));
        return firstByte == 0 || last == null || nowNanos - last >= WINDOW.toNanos();
    }

    /**
     * The entry for {@code user}'s read of {@code recordingId} was written at {@code nowNanos}: the window starts
     * again. Called only once it is written, so that a failed write leaves the next read needing one.
     */
    public void entryWritten(String user, long recordingId, long nowNanos) {
        if (lastEntry.size() >= MAX_KEPT) {
            lastEntry.clear();
        }
        lastEntry.put(key(user, recordingId), nowNanos);
    }

    private static String key(String user, long recordingId) {
        return user + '\n' + recordingId;
    }
}
