package org.activerecorder.it.support;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One stream of a recording as {@code GET /api/recordings/{id}} shows it, with its completeness record: counters,
 * gaps with their causes, DTMF. The API's field names are read here and nowhere else, so that the tests say what
 * they check in the domain's words; a counter the API does not show fails the test that needs it, by name.
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
                .map(gap -> new GapRecord(millis(gap, "start"), millis(gap, "length"), gap.getString("cause")))
                .toList();
    }

    /** The stream's gaps of one cause, in order. */
    public List<GapRecord> gaps(String cause) {
        return gaps().stream().filter(gap -> gap.cause().equals(cause)).toList();
    }

    /** The stream's telephone events, in order. */
    public List<DtmfRecord> dtmf() {
        return list("dtmf").stream().map(JsonValue::asJsonObject)
                .map(event -> new DtmfRecord(digit(event), millis(event, "start"), millis(event, "duration"),
                        event.getBoolean("ended", true)))
                .toList();
    }

    /** The instant of the stream's sample 0, as the recorder estimated it. */
    public Instant firstSample() {
        String at = json.getString("firstSampleAt", json.getString("firstPacketAt", null));
        if (at == null) {
            throw new AssertionError("the API shows no first sample instant for the stream of DN " + dn() + ": " + json);
        }
        return Instant.parse(at);
    }

    private List<JsonValue> list(String name) {
        if (!json.containsKey(name) || json.isNull(name)) {
            throw new AssertionError("the API shows no '" + name + "' for the stream of DN " + dn() + ": " + json);
        }
        return json.getJsonArray(name);
    }

    /**
     * A position or length in milliseconds, whichever way the API gives it: {@code <what>Millis}, or
     * {@code <what>Samples} / {@code <what>Sample} at 8 kHz, or an instant {@code <what>At} (from the stream's first
     * sample).
     */
    private long millis(JsonObject object, String what) {
        if (object.get(what + "Millis") instanceof JsonNumber number) {
            return number.longValue();
        }
        for (String samples : List.of(what + "Samples", what + "Sample")) {
            if (object.get(samples) instanceof JsonNumber number) {
                return Math.round(number.longValue() / 8.0);
            }
        }
        if (object.containsKey(what + "At")) {
            return Duration.between(firstSample(), Instant.parse(object.getString(what + "At"))).toMillis();
        }
        throw new AssertionError("no '" + what + "' (Millis, Samples, At) in " + object);
    }

    private static char digit(JsonObject event) {
        JsonValue digit = event.get("digit");
        if (digit instanceof jakarta.json.JsonString text && text.getString().length() == 1) {
            return text.getString().charAt(0);
        }
        if (event.get("event") instanceof JsonNumber code) {
            return "0123456789*#ABCD".charAt(code.intValue());
        }
        throw new AssertionError("no digit in " + event);
    }
}
