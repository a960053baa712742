package org.activerecorder.interfaces.web;

import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Audit log page's filter as a person filled it in (the page's query parameters, so that a filter can be
 * bookmarked and paged): the user, the recording, and a time range, read as {@code GET /api/audit} reads them, with a
 * sentence per field that cannot be read; and the page of it shown, {@code before} (the id of the last entry of the
 * previous page, as in the API; none for the newest).
 */
public final class AuditFilter {

    /** The form's fields, in the order the query names them. */
    static final List<String> FIELDS = List.of("user", "recordingId", "from", "to");
    /** The page's cursor; not a field of the form, so that filtering again starts from the newest entries. */
    static final String BEFORE = "before";

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final ZoneId zone;
    private final List<String> problems = new ArrayList<>();
    private AuditTarget recording;
    private Instant from;
    private Instant to;
    private Long before;

    /**
     * @param parameters the request's parameters (only {@link #FIELDS} are read; blank counts as not given)
     * @param zone       where the times a person types are read (a {@code datetime-local} input has no zone)
     */
    public AuditFilter(Function<String, String> parameters, ZoneId zone) {
        this.zone = zone;
        for (String field : FIELDS) {
            String value = parameters.apply(field);
            if (value != null && !value.isBlank()) {
                fields.put(field, value.trim());
            }
        }
        parse();
        before = cursor(parameters.apply(BEFORE));
    }

    /** The field's value as typed (trimmed), or "" when not given: what the form shows again. */
    public String get(String field) {
        return fields.getOrDefault(field, "");
    }

    /** A sentence per field that could not be read; empty when the filter is the one the person asked for. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The user whose entries are asked for, or null for everybody's. */
    String user() {
        return fields.get("user");
    }

    /** The recording whose entries are asked for, or null for every target's. */
    AuditTarget recording() {
        return recording;
    }

    Instant from() {
        return from;
    }

    Instant to() {
        return to;
    }

    /** The id of the entry the page shown is older than, or null for the newest page. */
    Long before() {
        return before;
    }

    /** What to ask the log for: this filter's page, at most {@code limit} entries. */
    AuditSearch search(int limit) {
        return new AuditSearch(user(), recording, from, to, before, limit);
    }

    /**
     * The page's query for the page of this filter older than entry {@code olderThan} (null: the newest page), without
     * the leading "?".
     */
    public String query(Long olderThan) {
        Map<String, String> query = new LinkedHashMap<>(fields);
        if (olderThan != null) {
            query.put(BEFORE, Long.toString(olderThan));
        }
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private void parse() {
        String id = fields.get("recordingId");
        if (id != null) {
            try {
                long recordingId = Long.parseLong(id);
                if (recordingId < 1) {
                    throw new NumberFormatException();
                }
                recording = AuditTarget.recording(recordingId);
            } catch (NumberFormatException e) {
                problems.add("Recording: '" + id + "' is not a recording's number");
            }
        }
        from = time("from", "From");
        to = time("to", "To");
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add("From must be before To");
        }
    }

    /** An address's cursor that is no entry's id is the log's to refuse; one that is no id at all is refused here. */
    private Long cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        problems.add("This page's address names no page of the log (before=" + value.trim() + "): start again from"
                + " the newest entries");
        return null;
    }

    private Instant time(String field, String label) {
        String value = fields.get(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(label + ": '" + value + "' is not a time such as 2026-12-01T09:30");
                return null;
            }
        }
    }
}
