package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.List;

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
}
