package org.activerecorder.domain.model.rule;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a decision gives the recording's file, without extension: text with the placeholders {@code {callUuid}},
 * {@code {dn}}, {@code {ani}}, {@code {dnis}} and {@code {start:<DateTimeFormatter pattern>}} (or {@code {start}} for
 * {@code yyyyMMdd-HHmmss}), e.g. {@code {start:yyyyMMdd-HHmmss}_{dn}_{callUuid}}. Validated when a rule is saved, so
 * a bad template is refused then rather than failing a recording later: the text outside placeholders may only hold
 * letters, digits, '.', '_' and '-' (no folders, nothing a file system might refuse).
 */
public record FileNameTemplate(String text) {

    public static final Set<String> PLACEHOLDERS = Set.of("callUuid", "dn", "ani", "dnis", "start");
    public static final int MAX_LENGTH = 200;
    private static final String DEFAULT_START = "yyyyMMdd-HHmmss";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}:]*)(?::([^{}]*))?}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._\\-]*");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9+._\\-]");

    public FileNameTemplate {
        Objects.requireNonNull(text, "template");
        List<String> problems = problems(text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Everything wrong with a template, in the words the API answers with; empty when it is valid. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        if (text.isBlank() || text.length() > MAX_LENGTH) {
            problems.add("fileNameTemplate must have 1 to " + MAX_LENGTH + " characters");
            return problems;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int literalFrom = 0;
        while (placeholder.find()) {
            literal(text.substring(literalFrom, placeholder.start()), problems);
            literalFrom = placeholder.end();
            String name = placeholder.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                problems.add("fileNameTemplate: unknown placeholder {" + name + "}; use {callUuid}, {dn}, {ani},"
                        + " {dnis} or {start:yyyyMMdd-HHmmss}");
            } else if (placeholder.group(2) != null) {
                if (!name.equals("start")) {
                    problems.add("fileNameTemplate: only {start} takes a format, not {" + name + "}");
                } else {
                    formatProblem(placeholder.group(2), problems);
                }
            }
        }
        literal(text.substring(literalFrom), problems);
        return problems;
    }

    private static void literal(String literal, List<String> problems) {
        if (!LITERAL.matcher(literal).matches()) {
            problems.add("fileNameTemplate: '" + literal + "' may only hold letters, digits, '.', '_' and '-'"
                    + " between placeholders");
        }
    }

    private static void formatProblem(String format, List<String> problems) {
        try {
            String sample = DateTimeFormatter.ofPattern(format).format(ZonedDateTime.parse("2026-01-02T03:04:05Z"));
            if (!LITERAL.matcher(sample).matches()) {
                problems.add("fileNameTemplate: {start:" + format + "} gives '" + sample
                        + "': only letters, digits, '.', '_' and '-' may appear in a file name");
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            problems.add("fileNameTemplate: {start:" + format + "} is not a date-time pattern: " + e.getMessage());
        }
    }

    /**
     * The file name for these values (keys {@code callUuid}, {@code dn}, {@code ani}, {@code dnis}; a missing one is
     * left empty) and this start. Characters a file name should not hold are replaced by '_'.
     */
    public String render(Map<String, String> values, ZonedDateTime start) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder name = new StringBuilder();
        while (placeholder.find()) {
            String value;
            if (placeholder.group(1).equals("start")) {
                String format = placeholder.group(2) == null ? DEFAULT_START : placeholder.group(2);
                value = DateTimeFormatter.ofPattern(format).format(start);
            } else {
                String raw = values.get(placeholder.group(1));
                value = raw == null ? "" : UNSAFE.matcher(raw).replaceAll("_");
            }
            placeholder.appendReplacement(name, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(name);
        return name.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
