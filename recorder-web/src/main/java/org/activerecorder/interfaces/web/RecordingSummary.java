package org.activerecorder.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.activerecorder.application.RecordingView;
import org.activerecorder.application.events.CompletenessSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A recording in a few words, as the Recordings list and a recording's page both show it. */
@Named("summary")
@ApplicationScoped
public class RecordingSummary {

    public String dns(RecordingView recording) {
        return String.join(" / ", recording.streams().stream().map(RecordingView.StreamView::dn).toList());
    }

    /** The call's user data as {@code key=value} pairs. */
    public String userData(RecordingView recording) {
        return String.join(", ", recording.userData().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
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
