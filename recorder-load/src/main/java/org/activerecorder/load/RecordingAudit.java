package org.activerecorder.load;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What the recorder made of the run's calls, read back through its API once every call has ended: each answered
 * call's recording, its state, each party's packet counters against what was sent, and (unless told not to) its
 * WAV, checked by {@link WavCheck} and against the recording's checksums. Waits, up to a timeout, for recordings
 * still being finished.
 */
final class RecordingAudit {

    /** The recorder's WAV header: canonical, 44 bytes. */
    private static final int WAV_HEADER_BYTES = 44;
    private static final Set<String> FINAL = Set.of("COMPLETED", "INCOMPLETE", "FAILED");

    /** The audit's totals. */
    static final class Totals {
        final Map<String, Integer> states = new TreeMap<>();
        long recordedPackets;
        long serverLost;
        long serverLate;
        /**
         * Datagrams the recorder's kernel dropped on the streams' sockets, by the streams' own counts: the figure that
         * holds where the host's UDP counters do not (Linux 6.18 leaves drops under UDP memory pressure out of them).
         */
        long serverKernelDrops;
        int wavChecked;
        int wavPassed;
        /** WAVs checked whose file SHA-256 the recorder had not taken yet (it takes it after the completion). */
        int wavAwaitingSha256;
        /** Streams the recorder holds fewer packets of than were sent. */
        int streamsShort;
        /** Channels with a hole inside their tone. */
        int channelsWithHoles;
        /** Recordings not final when the wait ended (the recorder behind, or a recording missing). */
        int open;
        /** Packets sent to the calls of {@link #open} recordings: not counted as recorded or as lost. */
        long sentToOpen;
        final List<String> problems = new ArrayList<>();

        synchronized void state(String state) {
            states.merge(state, 1, Integer::sum);
        }

        synchronized void packets(long recorded, long lost, long late, long kernelDrops) {
            recordedPackets += recorded;
            serverLost += lost;
            serverLate += late;
            serverKernelDrops += kernelDrops;
        }

        synchronized void wav(List<String> found, String callUuid) {
            wavChecked++;
            if (found.isEmpty()) {
                wavPassed++;
            }
            channelsWithHoles += (int) found.stream().filter(problem -> problem.contains("has a hole")).count();
            found.forEach(problem -> problems.add(callUuid + ": " + problem));
        }

        synchronized void awaitingSha256() {
            wavAwaitingSha256++;
        }

        synchronized void open(long sent) {
            open++;
            sentToOpen += sent;
        }

        synchronized void shortStream() {
            streamsShort++;
        }

        synchronized void problem(String problem) {
            problems.add(problem);
        }
    }

    private final RecorderApi api;
    private final LoadPlan plan;

    RecordingAudit(RecorderApi api, LoadPlan plan) {
        this.api = api;
        this.plan = plan;
    }

    Totals audit(List<LoadCall> calls, long deadlineNanos) throws InterruptedException {
        Totals totals = new Totals();
        List<LoadCall> answered = calls.stream().filter(LoadCall::answered).toList();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            // each call's recording once it is final (or the deadline passed)
            List<Future<?>> reads = new ArrayList<>();
            for (LoadCall call : answered) {
                reads.add(readers.submit(() -> {
                    JsonObject recording = awaitFinal(call, deadlineNanos, totals);
                    if (recording != null) {
                        check(call, recording, totals);
                    }
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                try {
                    read.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    totals.problem("audit failed: " + e.getCause());
                }
            }
        } finally {
            readers.shutdownNow();
            readers.awaitTermination(10, TimeUnit.SECONDS);
        }
        return totals;
    }

    /**
     * Whether our own sender kept time for this call: a party whose packets went out hundreds of milliseconds late
     * (the load tool starved of CPU) was a sender that stalled, and the recorder may rightly place its audio later.
     */
    private static String senderLateness(LoadCall call) {
        return String.format("(our sender was at most %.0f ms late for the agent, %.0f ms for the customer)",
                call.agent.maxLateMillis(), call.customer.maxLateMillis());
    }

    private JsonObject awaitFinal(LoadCall call, long deadlineNanos, Totals totals) throws Exception {
        while (true) {
            JsonArray recordings = api.recordingsOf(call.callUuid);
            JsonObject recording = recordings.isEmpty() ? null : recordings.getJsonObject(0);
            if (recording != null && FINAL.contains(recording.getString("state", ""))) {
                if (recordings.size() != 1) {
                    totals.problem(call.callUuid + ": " + recordings.size() + " recordings, expected 1");
                }
                return recording;
            }
            if (System.nanoTime() > deadlineNanos) {
                totals.state(recording == null ? "missing" : recording.getString("state", "?") + " (not final)");
                totals.open(call.agent.sent() + call.customer.sent());
                totals.problem(call.callUuid + ": " + (recording == null ? "no recording"
                        : "recording " + recording.getJsonNumber("id") + " still " + recording.getString("state")));
                return null;
            }
            Thread.sleep(500);
        }
    }

    /**
     * Why a recording is not {@code COMPLETED}, as its JSON says: its reasons' codes (an {@code INCOMPLETE} one's,
     * e.g. {@code [AUDIO_NOT_DECODED]}) and, for a {@code FAILED} one, its failure reason.
     */
    static String why(JsonObject recording) {
        JsonArray reasons = recording.getJsonArray("reasons");
        List<String> codes = new ArrayList<>();
        for (JsonValue reason : reasons == null ? JsonValue.EMPTY_JSON_ARRAY : reasons) {
            codes.add(reason.asJsonObject().getString("code", "?"));
        }
        String failure = recording.getString("failureReason", null);
        return codes + (failure == null ? "" : " " + failure);
    }

    /** A stream's {@code kernelDrops}; 0 when the server does not give it (one older than the field) or knew none. */
    static long kernelDrops(JsonObject stream) {
        JsonValue drops = stream.get("kernelDrops");
        return drops instanceof JsonNumber number ? Math.max(0, number.longValue()) : 0;
    }

    /**
     * What the recording's checksums say of the WAV downloaded (docs/events.md, "Checksums"): the file's SHA-256
     * ({@code sha256}: not there yet while a server set to take it after the completion has not) and its audio data's
     * ({@code audioSha256}, of the bytes after the 44-byte header; not there from a server older than the field).
     */
    static List<String> checksumProblems(byte[] wav, JsonObject recording) {
        List<String> found = new ArrayList<>();
        String file = recording.getString("sha256", null);
        if (file != null) {
            String actual = sha256(wav, 0);
            if (!file.equals(actual)) {
                found.add("the file's SHA-256 is " + actual + ", the recording says " + file);
            }
        }
        String audio = recording.getString("audioSha256", null);
        if (audio != null) {
            String actual = wav.length < WAV_HEADER_BYTES ? "not there (" + wav.length + " bytes)"
                    : sha256(wav, WAV_HEADER_BYTES);
            if (!audio.equals(actual)) {
                found.add("the audio data's SHA-256 is " + actual + ", the recording says " + audio);
            }
        }
        return found;
    }

    private static String sha256(byte[] bytes, int from) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, from, bytes.length - from);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void check(LoadCall call, JsonObject recording, Totals totals) throws Exception {
        String state = recording.getString("state");
        totals.state(state);
        long id = recording.getJsonNumber("id").longValue();
        if (!"COMPLETED".equals(state)) {
            totals.problem(call.callUuid + ": recording " + id + " is " + state + " " + why(recording));
        }
        JsonArray streams = recording.getJsonArray("streams");
        if (streams == null || streams.size() != 2) {
            totals.problem(call.callUuid + ": " + (streams == null ? 0 : streams.size()) + " streams, expected 2");
        }
        for (JsonValue value : streams == null ? JsonArray.EMPTY_JSON_ARRAY : streams) {
            JsonObject stream = value.asJsonObject();
            LoadCall.Party party = LoadCall.AGENT_DN.equals(stream.getString("dn", "")) ? call.agent : call.customer;
            long received = stream.getJsonNumber("packetsReceived").longValue();
            totals.packets(received, stream.getJsonNumber("packetsLost").longValue(),
                    stream.getJsonNumber("packetsLate").longValue(), kernelDrops(stream));
            if (received != party.sent()) {
                totals.shortStream();
                totals.problem(call.callUuid + ": DN " + party.dn + " recorded " + received + " packets of "
                        + party.sent() + " sent; " + senderLateness(call));
            }
        }
        if (plan.checkWav() && !"FAILED".equals(state)) {
            byte[] wav = api.audio(id);
            List<String> found = new ArrayList<>(WavCheck.problems(wav, plan.codec().recordedRate(),
                    new WavCheck.Party("left (agent)", plan.expectedAgentHz(), call.agent.sent()),
                    new WavCheck.Party("right (customer)", plan.expectedCustomerHz(), call.customer.sent())));
            found.addAll(checksumProblems(wav, recording));
            if (recording.getString("sha256", null) == null) {
                totals.awaitingSha256();
            }
            if (!found.isEmpty()) {
                found.add(senderLateness(call));
            }
            totals.wav(found, call.callUuid);
        }
    }
}
