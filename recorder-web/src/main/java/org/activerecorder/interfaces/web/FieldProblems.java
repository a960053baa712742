package org.activerecorder.interfaces.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's validation problems placed at the form fields they concern. Every problem the rules and DN
 * validation write opens with the name of its field ({@code samplingPercent must be from 0 to 100, not 120},
 * {@code fileNameTemplate: unknown placeholder {x}}, {@code DN must be ...}), so the first word, read without case
 * and punctuation, names the field; a problem that names none is shown above the form, never dropped.
 */
public final class FieldProblems implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    /** No problems. */
    public FieldProblems() {
    }

    /** @param fields the form's field names, as the problems write them */
    public FieldProblems(List<String> fields, List<String> problems) {
        Map<String, String> known = new LinkedHashMap<>();
        fields.forEach(f -> known.put(f.toLowerCase(Locale.ROOT), f));
        for (String problem : problems) {
            String field = known.get(firstWord(problem));
            if (field == null) {
                general.add(problem);
            } else {
                byField.computeIfAbsent(field, f -> new ArrayList<>()).add(problem);
            }
        }
    }

    private static String firstWord(String problem) {
        String trimmed = problem.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    /** The problems about this field, joined; "" when it has none. */
    public String of(String field) {
        return String.join("; ", byField.getOrDefault(field, List.of()));
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** The problems that name no field of the form. */
    public List<String> getGeneral() {
        return general;
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general.isEmpty();
    }
}
