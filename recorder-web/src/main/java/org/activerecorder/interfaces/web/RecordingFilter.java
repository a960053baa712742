package org.activerecorder.interfaces.web;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;

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
 * The Recordings page's search form as a person filled it in (the query parameters of the page's URL, so that a search
 * can be bookmarked and paged): turned into the {@link RecordingSearch} the API's list uses too, with a sentence per
 * field that cannot be, and back into the query of a page of the same search.
 */
public final class RecordingFilter {

    /** The form's fields, in the order the query names them. */
    static final List<String> FIELDS = List.of("dn", "agent", "ani", "dnis", "from", "to", "key", "value", "state");

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final ZoneId zone;
    private final List<String> problems = new ArrayList<>();
    private final RecordingSearch search;

    /**
     * @param parameters the request's parameters (only {@link #FIELDS} are read; blank counts as not given)
     * @param zone       where the times a person types are read (a {@code datetime-local} input has no zone)
     */
    public RecordingFilter(Function<String, String> parameters, ZoneId zone) {
        this.zone = zone;
        for (String field : FIELDS) {
            String value = parameters.apply(field);
            if (value != null && !value.isBlank()) {
                fields.put(field, value.trim());
            }
        }
        this.search = parse();
    }

    /** The field's value as typed (trimmed), or "" when not given: what the form shows again. */
    public String get(String field) {
        return fields.getOrDefault(field, "");
    }

    /** What the search is; {@link RecordingSearch#ALL} when a field could not be read (see {@link #problems()}). */
    public RecordingSearch search() {
        return search;
    }

    /** A sentence per field that could not be read; empty when the search is the one the person asked for. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The page's query for page {@code page} (0 is the first) of this search, without the leading "?". */
    public String query(int page) {
        Map<String, String> query = new LinkedHashMap<>(fields);
        if (page > 0) {
            query.put("page", Integer.toString(page));
        }
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private RecordingSearch parse() {
        Dn dn = read("dn", Dn::new, "DN");
        Instant from = read("from", this::instant, "From");
        Instant to = read("to", this::instant, "To");
        RecordingState state = read("state", RecordingState::valueOf, "State");
        String key = fields.get("key");
        String value = fields.get("value");
        if (value != null && key == null) {
            problems.add("Value: a user-data value is searched for under a key: give the key too");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add("From must be before To");
        }
        if (!problems.isEmpty()) {
            return RecordingSearch.ALL;
        }
        return new RecordingSearch(null, dn, fields.get("agent"), from, to, key, value, fields.get("ani"),
                fields.get("dnis"), state);
    }

    private <T> T read(String field, Function<String, T> reader, String label) {
        String value = fields.get(field);
        if (value == null) {
            return null;
        }
        try {
            return reader.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(label + ": '" + value + "' " + (e instanceof DateTimeParseException
                    ? "is not a time such as 2026-12-01T09:30" : "is not valid (" + e.getMessage() + ")"));
            return null;
        }
    }

    /** An instant as ISO-8601 with its zone, or a local time as the browser's datetime-local input sends it. */
    private Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        }
    }
}
