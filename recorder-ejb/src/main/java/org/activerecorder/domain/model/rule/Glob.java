package org.activerecorder.domain.model.rule;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pattern over a whole value (a DN, an ANI, a DNIS, a user-data value): {@code *} stands for any run of characters,
 * none included, {@code ?} for exactly one; every other character stands for itself, case-sensitive. A pattern
 * without wildcards is an exact match. Globs rather than regular expressions because the people who write rules
 * write {@code 10*} and {@code +4420*}, and a regular expression in their hands is a '+' that silently means "one or
 * more". Written by hand because the JDK's glob ({@code PathMatcher}) is for paths: its {@code *} stops at '/'.
 */
public record Glob(String text) {

    /** Longest pattern taken: a DN or number is at most 64 characters; user-data values may be longer. */
    public static final int MAX_LENGTH = 256;

    public Glob {
        Objects.requireNonNull(text, "pattern");
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a pattern has 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** Whether the whole value matches; a missing value ({@code null}) matches no pattern. */
    public boolean matches(String value) {
        return value != null && regex().matcher(value).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder(text.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
