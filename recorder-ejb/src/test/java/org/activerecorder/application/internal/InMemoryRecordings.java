package org.activerecorder.application.internal;

import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.RecordingSummary;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Recordings in a list, ids given as the database would: for application service tests. Locks are no-ops. */
final class InMemoryRecordings implements RecordingRepository {

    private final List<Recording> stored = new ArrayList<>();
    private long nextId = 1;

    @Override
    public void add(Recording recording) {
        try {
            Field id = Recording.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(recording, nextId++);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        stored.add(recording);
    }

    @Override
    public Optional<Recording> find(long id) {
        return stored.stream().filter(r -> r.id() == id).findFirst();
    }

    @Override
    public void remove(Recording recording) {
        stored.remove(recording);
    }

    @Override
    public List<Recording> ofCall(Call call) {
        return stored.stream().filter(r -> r.call() == call)
                .sorted(Comparator.comparing(Recording::startedAt).thenComparing(Recording::id).reversed())
                .toList();
    }

    @Override
    public List<RecordingSummary> summariesOfCall(Call call) {
        return ofCall(call).stream().map(RecordingSummary::of).toList();
    }

    @Override
    public Optional<Recording> lock(long id) {
        return find(id);
    }

    @Override
    public Optional<Recording> lockByStream(String streamId) {
        return findStream(streamId).map(RecordingStream::recording);
    }

    @Override
    public Optional<Long> lockIdByStream(String streamId) {
        return lockByStream(streamId).map(Recording::id);
    }

    @Override
    public boolean firstPacketArrived(String streamId, Instant arrival) {
        return findStream(streamId).map(stream -> stream.firstPacketArrived(arrival)).orElse(false);
    }

    @Override
    public Optional<RecordingStream> findStream(String streamId) {
        return stored.stream().flatMap(r -> r.stream(streamId).stream()).findFirst();
    }

    @Override
    public List<Long> retentionEndedBy(Instant instant, int max) {
        return stored.stream().filter(r -> r.purgedAt().isEmpty())
                .filter(r -> r.retainUntil().map(until -> !until.isAfter(instant)).orElse(false))
                .sorted(Comparator.comparing(r -> r.retainUntil().orElseThrow()))
                .limit(max).map(Recording::id).toList();
    }

    @Override
    public List<Long> fileHashDue(Instant finishedBy, int max) {
        return stored.stream().filter(Recording::fileHashDue).filter(r -> !r.finishedAt().isAfter(finishedBy))
                .sorted(Comparator.comparing(Recording::id))
                .limit(max).map(Recording::id).toList();
    }

    @Override
    public Optional<RecordingStream> findLatestOfSession(String sessionStreamId) {
        return stored.stream().flatMap(r -> r.streams().stream())
                .filter(s -> s.sessionStreamId().equals(sessionStreamId))
                .max(Comparator.comparing(RecordingStream::openedAt));
    }

    @Override
    public List<String> openStreamIdsOpenedBefore(Instant instant) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Long> activeWithAllStreamsEnded() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Long> requestedBefore(Instant instant) {
        return stored.stream().filter(r -> r.state() == RecordingState.REQUESTED && r.startedAt().isBefore(instant))
                .map(Recording::id).toList();
    }

    @Override
    public List<Long> failedWithAttemptsLeft(int maxAttempts) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Recording> newest(int first, int max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Recording> search(RecordingSearch search, int first, int max) {
        throw new UnsupportedOperationException();
    }
}
