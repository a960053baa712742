package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;
import org.activerecorder.application.events.CompletenessSummary;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.PauseSpan;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Reads recordings for people allowed to see them. */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor", "auditor"})
public class RecordingCatalogService implements RecordingCatalog {

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingFolder storage;

    @Override
    public List<RecordingView> newest(int offset, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_PAGE));
        return recordings.newest(Math.max(0, offset), max).stream().map(RecordingCatalogService::view).toList();
    }

    @Override
    public List<RecordingView> search(RecordingSearch search, int offset, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_PAGE));
        return recordings.search(search, Math.max(0, offset), max).stream().map(RecordingCatalogService::view)
                .toList();
    }

    @Override
    public Optional<RecordingView> find(long id) {
        return recordings.find(id).map(RecordingCatalogService::view);
    }

    @Override
    public Optional<Path> audioFile(long id) {
        return recordings.find(id)
                .filter(r -> r.state().hasAudio() && r.purgedAt().isEmpty())
                .map(r -> storage.resolve(r.audioFile()))
                .filter(Files::isReadable);
    }

    static RecordingView view(Recording r) {
        CompletenessSummary completeness = CompletenessSummary.of(r);
        Call call = r.call();
        return new RecordingView(r.id(), r.call().callUuid().value(), r.requestId().value(), r.recordDn().value(),
                r.state().name(), r.startedAt(), r.finishedAt(), r.duration().map(d -> d.toMillis()).orElse(null),
                r.audioFile(), r.sha256(), r.failureReason(), r.attributes(),
                r.streams().stream().map(RecordingCatalogService::view).toList(), r.oneSided(),
                completeness.reasons(), completeness, r.assemblyAttempts(), r.control().name(), r.pausedSince(),
                r.stoppedAt(), new TreeMap<>(call.userDataValues()), call.agentId(), call.ani(), call.dnis(),
                call.connId(), call.direction() == null ? null : call.direction().eventName(),
                r.pauses().stream().map(RecordingCatalogService::view).toList(), r.filing().retentionDays(),
                r.retainUntil().orElse(null), r.purgedAt().orElse(null), r.audioSha256());
    }

    private static RecordingView.PauseView view(PauseSpan p) {
        return new RecordingView.PauseView(p.pausedAt(), p.resumedAt(), p.pausedBy(), p.resumedBy(), p.endedByStop(),
                p.isOpen() ? null : Duration.between(p.pausedAt(), p.resumedAt()).toMillis());
    }

    private static RecordingView.StreamView view(RecordingStream s) {
        StreamStatistics st = s.statistics();
        return new RecordingView.StreamView(s.id(), s.dn().value(), s.side().name(), s.state().name(), s.sipCallId(),
                s.codec(), s.localRtp(), s.mediaSource(), s.openedAt(), s.firstPacketAt(), s.endedAt(),
                s.endReason() == null ? null : s.endReason().name(), st.packetsReceived(), st.packetsLost(),
                st.packetsLate(), st.packetsDuplicate(), st.packetsMalformed(), st.packetsForeign(),
                st.samplesWritten(), s.firstSampleAt(), s.sampleRate(), st.packetsExpected(), st.ssrcChanges(),
                st.sequenceRestarts(), st.sourceMoves(), st.comfortNoisePackets(), st.telephoneEventPackets(),
                st.timestampJumps(),
                s.gaps().stream().map(g -> new RecordingView.GapView(s.millis(g.startSample()),
                        s.millis(g.lengthSamples()), g.startSample(), g.lengthSamples(), g.cause().name())).toList(),
                s.gapsOmitted(),
                s.dtmf().stream().map(d -> new RecordingView.DtmfView(s.millis(d.startSample()), d.key(), d.event(),
                        s.millis(d.durationSamples()), d.volume(), d.ended())).toList(),
                s.dtmfOmitted(), st.kernelDrops());
    }
}
