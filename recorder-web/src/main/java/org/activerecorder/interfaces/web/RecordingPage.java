package org.activerecorder.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;

import java.util.List;
import java.util.Map;

/**
 * Backs {@code recording.xhtml?id=}: one recording with its metadata, user data, completeness timeline, streams and
 * key presses; the page's player reads the audio and the waveform from the API ({@code /api/recordings/{id}/audio},
 * {@code /waveform}), so what the browser plays is audited like any download.
 */
@Named
@RequestScoped
public class RecordingPage {

    @EJB
    private RecordingCatalog catalog;

    private RecordingView recording;
    private Timeline timeline;
    private String problem;

    @PostConstruct
    void read() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        long recordingId;
        try {
            recordingId = Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            problem = "No recording is named by '" + id + "': the address needs ?id= and a recording's number.";
            return;
        }
        recording = catalog.find(recordingId).orElse(null);
        if (recording == null) {
            problem = "There is no recording " + recordingId + ".";
        } else {
            timeline = Timeline.of(recording);
        }
    }

    /** The recording; null when the address names none ({@link #getProblem()} says why). */
    public RecordingView getRecording() {
        return recording;
    }

    public Timeline getTimeline() {
        return timeline;
    }

    public String getProblem() {
        return problem;
    }

    /** The call's user data, by key in order. */
    public List<Map.Entry<String, String>> getUserData() {
        return recording == null ? List.of() : recording.userData().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
    }

    /** Every key pressed on any stream, with the stream's DN, in the order of the recording. */
    public List<KeyPress> getKeyPresses() {
        if (recording == null) {
            return List.of();
        }
        return recording.streams().stream()
                .flatMap(s -> s.dtmf().stream().map(d -> new KeyPress(s.dn(), d)))
                .sorted(java.util.Comparator.comparingLong(k -> k.dtmf().atMillis())).toList();
    }

    /** A key one party pressed. */
    public record KeyPress(String dn, RecordingView.DtmfView dtmf) {
    }
}
