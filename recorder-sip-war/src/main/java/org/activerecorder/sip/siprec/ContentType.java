package org.activerecorder.sip.siprec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Content-Type value ({@code multipart/mixed;boundary="xyz"}) as RFC 2045 §5.1 and RFC 3261 §20.15 write it:
 * the media type, lower case, and its parameters, names in lower case, values unquoted. Liberal in what it reads:
 * white space anywhere between the pieces, quoted or bare values, a parameter without a value, a trailing ';'.
 *
 * @param mediaType  {@code type/subtype} in lower case ({@code application/sdp}); empty when the value has none
 * @param parameters lower-case name to value, in order; the first of a repeated name wins
 */
public record ContentType(String mediaType, Map<String, String> parameters) {

    public static final String SDP = "application/sdp";
    public static final String MULTIPART_MIXED = "multipart/mixed";
    /** RFC 7866's metadata type. */
    public static final String METADATA = "application/rs-metadata+xml";
    /** The same without the XML suffix, as pre-RFC drafts, RFC 7866's own metadata
     * example and several SRCs write it. */
    public static final String METADATA_WITHOUT_SUFFIX = "application/rs-metadata";

    public ContentType {
        parameters = Map.copyOf(parameters);
    }

    /** A part without a Content-Type is text/plain (RFC 2046 §5.1). */
    static final ContentType DEFAULT_PART_TYPE = new ContentType("text/plain", Map.of());

    public static ContentType parse(String value) {
        if (value == null) {
            return new ContentType("", Map.of());
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = semicolon;
        while (at >= 0 && at < value.length()) {
            at = readParameter(value, at + 1, parameters);
        }
        return new ContentType(type, parameters);
    }

    /** Reads one {@code name[=value]} from {@code start}; returns the index of the ';' after it, or -1 at the end. */
    private static int readParameter(String text, int start, Map<String, String> into) {
        int i = start;
        while (i < text.length() && text.charAt(i) != ';' && text.charAt(i) != '=') {
            i++;
        }
        String name = text.substring(start, i).strip().toLowerCase(Locale.ROOT);
        if (i >= text.length() || text.charAt(i) == ';') {
            putFirst(into, name, "");
            return i < text.length() ? i : -1;
        }
        int valueStart = skipSpace(text, i + 1);
        StringBuilder parameterValue = new StringBuilder();
        int end;
        if (valueStart < text.length() && text.charAt(valueStart) == '"') {
            end = readQuoted(text, valueStart + 1, parameterValue);
            end = text.indexOf(';', end);
        } else {
            end = text.indexOf(';', valueStart);
            parameterValue.append(text, valueStart, end < 0 ? text.length() : end);
        }
        putFirst(into, name, parameterValue.toString().strip());
        return end;
    }

    /** Copies a quoted-string's content (escapes undone) to {@code out}; returns the index after the closing quote. */
    private static int readQuoted(String text, int from, StringBuilder out) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static void putFirst(Map<String, String> into, String name, String value) {
        if (!name.isEmpty()) {
            into.putIfAbsent(name, value);
        }
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean is(String type) {
        return mediaType.equals(type);
    }

    public boolean isSdp() {
        return is(SDP);
    }

    /** Either spelling of the metadata type (RFC 7866 registers the {@code +xml} one; field clients send both). */
    public boolean isMetadata() {
        return is(METADATA) || is(METADATA_WITHOUT_SUFFIX);
    }

    public boolean isMultipartMixed() {
        return is(MULTIPART_MIXED);
    }

    /** Any multipart type: RFC 7866 sends multipart/mixed, and every multipart subtype splits the same way. */
    public boolean isMultipart() {
        return mediaType.startsWith("multipart/");
    }

    @Override
    public String toString() {
        return mediaType;
    }
}
