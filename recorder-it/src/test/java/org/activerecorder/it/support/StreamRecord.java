package org.activerecorder.it.support;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * One stream of a recording as {@code GET /api/recordings/{id}} shows it, with its completeness record: counters,
 * gaps with their causes, DTMF. The API's field names are read here and nowhere else, so that the tests say what
 * they check in the domain's words; a field the API does not show fails the test that needs it, by name.
 *
 * @param json the stream's object in the API's answer
 */
public record StreamRecord(JsonObject json) {

    /** A silent stretch of the stream, in milliseconds from the stream's first sample. */
    public record GapRecord(long startMillis, long lengthMillis, String cause) {
        public long endMillis() {
            return startMillis + lengthMillis;
        }
    }

    /** A telephone event, in milliseconds from the stream's first sample. */
    public record DtmfRecord(char digit, long startMillis, long durationMillis, boolean ended) {
    }

    public String dn() {
        return json.getString("dn");
    }

    /** A counter of the stream ({@code packetsReceived}, {@code sequenceRestarts}, ...). */
    public long counter(String name) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonNumber number)) {
            throw new AssertionError("the API shows no counter '" + name + "' for the stream of DN " + dn() + ": " + json);
        }
        return number.longValue();
    }

    /** The stream's gaps, in order. */
    public List<GapRecord> gaps() {
        return list("gaps").stream().map(JsonValue::asJsonObject)
                .map(gap -> new GapRecord(gap.getJsonNumber("startMillis").longValue(),
                        gap.getJsonNumber("lengthMillis").longValue(), gap.getString("cause")))
                .toList();
    }

    /** The stream's gaps of one cause, in order. */
    public List<GapRecord> gaps(String cause) {
        return gaps().stream().filter(gap -> gap.cause().equals(cause)).toList();
    }

    /** The stream's telephone events, in order. */
    public List<DtmfRecord> dtmf() {
        return list("dtmf").stream().map(JsonValue::asJsonObject)
                .map(event -> new DtmfRecord(event.getString("key").charAt(0), event.getJsonNumber("atMillis").longValue(),
                        event.getJsonNumber("durationMillis").longValue(), event.getBoolean("ended")))
                .toList();
    }

    private List<JsonValue> list(String name) {
        if (!json.containsKey(name) || json.isNull(name)) {
            throw new AssertionError("the API shows no '" + name + "' for the stream of DN " + dn() + ": " + json);
        }
        return json.getJsonArray(name);
    }
}
