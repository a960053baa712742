package org.activerecorder.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the console's pages write times and durations: in the server's zone, to the second. */
@Named("format")
@ApplicationScoped
public class ConsoleFormat {

    static final ZoneId ZONE = ZoneId.systemDefault();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    /** {@code 2026-12-01 09:30:05}, or "" for no time. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** {@code m:ss} (minutes may pass 59), or "" for no duration. */
    public String duration(Long millis) {
        if (millis == null) {
            return "";
        }
        long seconds = Math.round(millis / 1000.0);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** {@code 1.250 s}: a gap's or a key's place in the recording, to the millisecond. */
    public String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f s", millis / 1000.0);
    }
}
