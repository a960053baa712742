package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.activerecorder.domain.model.recording.RecordingState;

/**
 * The recordings' meters (docs/metrics.md): gauges of the database's counts, one reading per scrape. Counts by state
 * rather than counters of transitions: the database is the truth after a restart, and a failed recording that is
 * assembled again moves to another state.
 */
final class RecordingMeters {

    private final RecentReading<RecordingCounts.Figures> figures;

    RecordingMeters(RecentReading<RecordingCounts.Figures> figures) {
        this.figures = figures;
    }

    void bindTo(MeterRegistry registry) {
        for (RecordingState state : RecordingState.values()) {
            Gauge.builder("recorder.recordings", figures,
                            reading -> reading.latest().map(f -> (double) f.inState(state)).orElse(Double.NaN))
                    .description("recordings in each state (REQUESTED and ACTIVE: under way; COMPLETED, INCOMPLETE:"
                            + " stored; FAILED: no stereo file yet)")
                    .baseUnit("recordings").tag("state", state.name()).register(registry);
        }
        Gauge.builder("recorder.recordings.awaiting.assembly", figures,
                        reading -> reading.latest().map(f -> (double) f.awaitingAssembly()).orElse(Double.NaN))
                .description("active recordings whose streams have all ended, waiting to be assembled")
                .baseUnit("recordings").register(registry);
        Gauge.builder("recorder.recordings.awaiting.file.sha256", figures,
                        reading -> reading.latest().map(f -> (double) f.awaitingFileSha256()).orElse(Double.NaN))
                .description("stored recordings whose file's SHA-256 the sweep has still to take"
                        + " (recorder.file-sha256=after-completion)")
                .baseUnit("recordings").register(registry);
    }
}
