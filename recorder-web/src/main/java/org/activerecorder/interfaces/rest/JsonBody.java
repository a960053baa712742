package org.activerecorder.interfaces.rest;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object sent to the configuration API ({@code /api/dns}, {@code /api/rules}), read field by field so that a
 * wrong type, an unknown field (a typing mistake that would otherwise be silently ignored) and every invalid value
 * are all reported in one 400 answer ({@link #invalid}) instead of one at a time.
 */
final class JsonBody {

    /** Looked up once: {@code Json.create...} looks the provider up at every call (docs/performance.md, series U). */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Bytes of body taken at most: a rule is well under 4 kB. */
    private static final int MAX_BODY = 65_536;

    private final JsonObject fields;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> mistyped = new TreeSet<>();

    private JsonBody(JsonObject fields) {
        this.fields = fields;
    }

    /** The body, which must be a JSON object whose field names are all among {@code known}. */
    static JsonBody read(InputStream body, Set<String> known) {
        JsonBody json = new JsonBody(object(text(body)));
        Set<String> unknown = new TreeSet<>(json.fields.keySet());
        unknown.removeAll(known);
        for (String name : unknown) {
            json.problems.add("unknown field '" + name + "'; the fields are " + new TreeSet<>(known));
        }
        return json;
    }

    /** What was wrong with the fields' types so far, to be reported with the content's own problems. */
    List<String> problems() {
        return problems;
    }

    /**
     * The content's own problems, less those about a field whose type was already reported ("priority is missing"
     * after "'priority' must be a whole number" says nothing new), after the type problems.
     */
    List<String> with(List<String> contentProblems) {
        List<String> all = new ArrayList<>(problems);
        contentProblems.stream().filter(p -> mistyped.stream().noneMatch(field -> p.startsWith(field + " is missing")))
                .forEach(all::add);
        return all;
    }

    private void mistyped(String name, String problem) {
        mistyped.add(name);
        problems.add(problem);
    }

    String text(String name) {
        JsonValue value = fields.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        mistyped(name, "'" + name + "' must be a string");
        return null;
    }

    Integer integer(String name) {
        JsonValue value = fields.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException tooLarge) {
                // reported below
            }
        }
        mistyped(name, "'" + name + "' must be a whole number");
        return null;
    }

    Boolean bool(String name) {
        JsonValue value = fields.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        mistyped(name, "'" + name + "' must be true or false");
        return null;
    }

    /** Whether the field is there and not null. */
    boolean has(String name) {
        return !isAbsent(fields.get(name));
    }

    /** The array of strings; an empty list when the field is absent (tell the two apart with {@link #has}). */
    List<String> texts(String name) {
        JsonValue value = fields.get(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> result = new ArrayList<>();
            for (JsonValue item : value.asJsonArray()) {
                if (item instanceof JsonString string) {
                    result.add(string.getString());
                } else {
                    mistyped(name, "'" + name + "' must be an array of strings");
                    return List.of();
                }
            }
            return result;
        }
        mistyped(name, "'" + name + "' must be an array of strings, such as [\"MON\",\"TUE\"]");
        return List.of();
    }

    /** An array of objects, each for its reader to take apart; an empty list when the field is absent. */
    List<JsonObject> objects(String name) {
        JsonValue value = fields.get(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY
                && value.asJsonArray().stream().allMatch(item -> item.getValueType() == JsonValue.ValueType.OBJECT)) {
            return value.asJsonArray().getValuesAs(JsonObject.class);
        }
        mistyped(name, "'" + name + "' must be an array of objects");
        return List.of();
    }

    /** An object of string values (a call's attached data); an empty map when the field is absent. */
    Map<String, String> textMap(String name) {
        JsonValue value = fields.get(name);
        if (isAbsent(value)) {
            return Map.of();
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            Map<String, String> result = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                if (!(entry.getValue() instanceof JsonString string)) {
                    mistyped(name, "'" + name + "' must be an object of strings, such as {\"campaign\":\"winter\"}");
                    return Map.of();
                }
                result.put(entry.getKey(), string.getString());
            }
            return result;
        }
        mistyped(name, "'" + name + "' must be an object of strings, such as {\"campaign\":\"winter\"}");
        return Map.of();
    }

    /** An ISO-8601 instant ({@code 2026-12-01T09:00:00Z}); {@code null} when absent or not one (reported). */
    Instant instant(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            mistyped(name, "'" + name + "' must be an instant such as 2026-12-01T09:00:00Z, not '" + text + "'");
            return null;
        }
    }

    /** A 400 answer listing every problem: {@link ApiError}'s fields and {@code problems}. */
    static WebApplicationException invalid(List<String> problems) {
        String message = String.join("; ", problems);
        Response.Status status = Response.Status.BAD_REQUEST;
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Invalid(status.getStatusCode(), status.getReasonPhrase(), message, List.copyOf(problems)))
                .build());
    }

    /** The body of a 400 answer for invalid content: an {@link ApiError} with every problem listed. */
    public record Invalid(int status, String error, String message, List<String> problems) {
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static String text(InputStream body) {
        if (body == null) {
            throw new BadRequest("the body is missing: send a JSON object");
        }
        return BoundedBody.read(body, MAX_BODY, "the body");
    }

    private static JsonObject object(String body) {
        if (body.isBlank()) {
            throw new BadRequest("the body is empty: send a JSON object");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequest("the body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
    }
}
