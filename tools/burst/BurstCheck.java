import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks, through the recorder's REST API, what a burst of test calls left behind: every call of the injection
 * file has one recording, COMPLETED, each party's stream holds all of its audio, and the recording lasts exactly
 * from the first party's first sample to the last party's last one. Waits (up to the timeout) while recordings
 * are still ACTIVE, prints a summary and exits 0 only if every call passed.
 *
 * Usage: java BurstCheck.java <api base URL> <admin password file> <injection file> <seconds per party>
 *        <timeout seconds>
 * (Java runs this source file directly: no build, no libraries, hence the small JSON reader at the end.)
 */
public class BurstCheck {

    /** How far a duration may be off: two 20 ms packets and the rounding of both streams' start instants. */
    static final long TOLERANCE_MS = 100;
    static final int PAGE = 500;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java BurstCheck.java <api> <password-file> <calls.csv> <seconds> <timeout-s>");
            System.exit(2);
        }
        String api = args[0].replaceAll("/+$", "");
        String password = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).trim();
        List<String> calls = callUuids(Path.of(args[2]));
        long partyMillis = Long.parseLong(args[3]) * 1000;
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[4]));

        Api recorder = new Api(api, password);
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Map<String, Object>> found = recorder.recordingsOf(calls);
        while (Instant.now().isBefore(deadline) && (found.size() < calls.size() || anyActive(found))) {
            Thread.sleep(1000);
            found = recorder.recordingsOf(calls);
        }

        Map<String, Integer> states = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long expected = 0, received = 0, lost = 0, late = 0, rightDuration = 0, wholeStreams = 0, streams = 0;
        for (String call : calls) {
            Map<String, Object> recording = found.get(call);
            if (recording == null) {
                states.merge("missing", 1, Integer::sum);
                problems.add(call + ": no recording");
                continue;
            }
            String state = (String) recording.get("state");
            states.merge(state, 1, Integer::sum);
            if (!"COMPLETED".equals(state)) {
                problems.add(call + ": recording " + recording.get("id") + " is " + state
                        + reasons(recording));
            }
            List<?> parties = (List<?>) recording.get("streams");
            Instant firstStart = null;
            Instant lastEnd = null;
            for (Object element : parties) {
                @SuppressWarnings("unchecked")
                Map<String, Object> stream = (Map<String, Object>) element;
                streams++;
                long samples = number(stream, "samplesWritten");
                long heardMs = samples / 8;
                received += number(stream, "packetsReceived");
                lost += number(stream, "packetsLost");
                late += number(stream, "packetsLate");
                expected += number(stream, "packetsExpected");
                if (Math.abs(heardMs - partyMillis) <= TOLERANCE_MS) {
                    wholeStreams++;
                } else {
                    problems.add(call + ": DN " + stream.get("dn") + " has " + heardMs + " ms of audio, sent "
                            + partyMillis);
                }
                Object start = stream.getOrDefault("firstSampleAt", stream.get("firstPacketAt"));
                if (start != null) {
                    Instant begin = Instant.parse((String) start);
                    Instant end = begin.plusMillis(heardMs);
                    firstStart = firstStart == null || begin.isBefore(firstStart) ? begin : firstStart;
                    lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
                }
            }
            if (parties.size() != 2) {
                problems.add(call + ": " + parties.size() + " streams, expected 2");
            }
            Object duration = recording.get("durationMillis");
            if (duration != null && firstStart != null) {
                long want = Duration.between(firstStart, lastEnd).toMillis();
                long got = ((Number) duration).longValue();
                if (Math.abs(got - want) <= TOLERANCE_MS) {
                    rightDuration++;
                } else {
                    problems.add(call + ": recording " + recording.get("id") + " lasts " + got
                            + " ms, its streams span " + want + " ms");
                }
            }
        }

        System.out.println("recordings: " + found.size() + " of " + calls.size() + " calls; states " + states);
        System.out.println("duration right (+-" + TOLERANCE_MS + " ms): " + rightDuration + "/" + calls.size()
                + "; parties with all their audio: " + wholeStreams + "/" + streams);
        System.out.println("packets: expected " + expected + ", received " + received + ", lost " + lost
                + ", late " + late);
        problems.stream().limit(20).forEach(problem -> System.out.println("  " + problem));
        if (problems.size() > 20) {
            System.out.println("  ... and " + (problems.size() - 20) + " more");
        }
        boolean passed = problems.isEmpty() && rightDuration == calls.size();
        System.out.println(passed ? "PASS" : "FAIL");
        System.exit(passed ? 0 : 1);
    }

    static List<String> callUuids(Path injectionFile) throws Exception {
        List<String> calls = new ArrayList<>();
        for (String line : Files.readAllLines(injectionFile)) {
            if (!line.isBlank() && !line.equals("SEQUENTIAL")) {
                calls.add(line.split(";")[0]);
            }
        }
        return calls;
    }

    static boolean anyActive(Map<String, Map<String, Object>> found) {
        return found.values().stream().anyMatch(recording -> "ACTIVE".equals(recording.get("state")));
    }

    static String reasons(Map<String, Object> recording) {
        Object reasons = recording.getOrDefault("reasons", recording.get("failureReason"));
        return reasons == null ? "" : " (" + reasons + ")";
    }

    static long number(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** The recorder's API with the administrator's login. */
    record Api(String base, String password) {
        /** The newest recording of each call, paging through GET /api/recordings until all are found. */
        Map<String, Map<String, Object>> recordingsOf(List<String> calls) throws Exception {
            Map<String, Map<String, Object>> found = new HashMap<>();
            java.util.Set<String> wanted = new java.util.HashSet<>(calls);
            for (int offset = 0; found.size() < wanted.size(); offset += PAGE) {
                List<?> page = (List<?>) get("/api/recordings?offset=" + offset + "&limit=" + PAGE);
                for (Object element : page) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> recording = (Map<String, Object>) element;
                    String call = (String) recording.get("callUuid");
                    if (wanted.contains(call)) {
                        found.putIfAbsent(call, recording);
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            return found;
        }

        Object get(String path) throws Exception {
            String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return new Json(response.body()).value();
        }
    }

    /** Just enough JSON (RFC 8259) to read the API's answers: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            space();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                space();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                do {
                    space();
                    String name = string();
                    space();
                    expect(':');
                    object.put(name, value());
                    space();
                } while (text.charAt(at++) == ',');
                return object;
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                space();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value());
                    space();
                } while (text.charAt(at++) == ',');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : new String[]{"true", "false", "null"}) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            at++;
            return out.toString();
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at + " of the API's answer");
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
