package org.activerecorder.sip.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The sessions the SIP side is handling, by dialog key. Thread-safe: the event thread adds and removes,
 * executor threads remove when the intake refuses.
 */
public final class RecordingSessions {

    private final Map<SessionKey, RecordingSession> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<RecordingSession>> removalListeners = new CopyOnWriteArrayList<>();

    /**
     * Tells {@code listener} of every session that leaves the registry, whichever way it ends (BYE, CANCEL, refusal,
     * dialog end, shutdown), on the thread that removes it: once per session, after it is gone.
     */
    public void onRemoval(Consumer<RecordingSession> listener) {
        removalListeners.add(listener);
    }

    /**
     * Adds a session for a new INVITE.
     *
     * @return false when a session with this key exists already (a retransmitted or duplicate INVITE)
     */
    public boolean add(RecordingSession session) {
        return sessions.putIfAbsent(session.key(), session) == null;
    }

    public Optional<RecordingSession> find(SessionKey key) {
        return Optional.ofNullable(sessions.get(key));
    }

    /** Removes this very session (not a newer one that may have taken its key). */
    public void remove(RecordingSession session) {
        if (sessions.remove(session.key(), session)) {
            removed(session);
        }
    }

    /** Removes and returns the session with this key, if any. */
    public Optional<RecordingSession> remove(SessionKey key) {
        RecordingSession removed = sessions.remove(key);
        if (removed != null) {
            removed(removed);
        }
        return Optional.ofNullable(removed);
    }

    private void removed(RecordingSession session) {
        removalListeners.forEach(listener -> listener.accept(session));
    }

    /** Removes and returns every session; used when the stack stops. */
    public List<RecordingSession> removeAll() {
        List<RecordingSession> all = List.copyOf(sessions.values());
        all.forEach(this::remove);
        return all;
    }

    public int size() {
        return sessions.size();
    }
}
