package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;
import org.activerecorder.application.events.CompletenessSummary;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Backs {@code recordings.xhtml}: the newest recordings. */
@Named
@RequestScoped
public class RecordingsPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @EJB
    private RecordingCatalog catalog;

    private List<RecordingView> recordings;

    public List<RecordingView> getRecordings() {
        if (recordings == null) {
            recordings = catalog.newest(0, 100);
        }
        return recordings;
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        long seconds = Math.round(millis / 1000.0);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    public String dns(RecordingView recording) {
        return String.join(" / ", recording.streams().stream().map(RecordingView.StreamView::dn).toList());
    }

    /** Whether the recording has a stereo file to download (completed or incomplete). */
    public boolean hasAudio(RecordingView recording) {
        return "COMPLETED".equals(recording.state()) || "INCOMPLETE".equals(recording.state());
    }

    /** What the completeness record says in a few words: the reasons' codes, "one-sided", the network's share. */
    public String completeness(RecordingView recording) {
        List<String> words = new ArrayList<>();
        recording.reasons().stream().map(CompletenessSummary.Reason::code)
                .filter(code -> !"ONE_SIDED".equals(code)).distinct().forEach(words::add);
        if (recording.oneSided()) {
            words.add("one-sided");
        }
        if (recording.completeness() != null && recording.completeness().networkLossPercent() > 0) {
            words.add(String.format(Locale.ROOT, "%.2f %% lost on the network",
                    recording.completeness().networkLossPercent()));
        }
        return String.join(", ", words);
    }

    /** Every reason's sentence, for a person who points at the recording. */
    public String reasons(RecordingView recording) {
        return String.join("\n", recording.reasons().stream().map(CompletenessSummary.Reason::explanation).toList());
    }
}
