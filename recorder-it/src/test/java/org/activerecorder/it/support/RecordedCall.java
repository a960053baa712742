package org.activerecorder.it.support;

import jakarta.json.JsonObject;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.Played;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-party call the test played, and what the recorder made of it: the recording as the API shows it, its
 * stereo WAV (left: the recorded agent, right: the customer), and what each party sent and when. Instants of the
 * call map to frames of the WAV through the first packet sent: the recorder places each stream by its first
 * packet's arrival, which on 127.0.0.1 is its sending.
 *
 * @param wav the recording's audio, or {@code null} if the API serves none (the recording failed)
 */
public record RecordedCall(String callUuid, JsonObject recording, WavContent wav, Played agent, Played customer) {

    public static final int LEFT = 0;
    public static final int RIGHT = 1;
    public static final int RATE = 8000;

    /** Waits until the call's recording is finished (whatever its state), then reads it and its audio. */
    public static RecordedCall finished(RecorderServer recorder, String callUuid, Played agent, Played customer,
                                        Duration timeout) throws Exception {
        JsonObject listed = Await.until("recording of call " + callUuid + " finished", timeout,
                () -> recorder.recordingOfCall(callUuid),
                found -> found.isPresent() && !"ACTIVE".equals(found.get().getString("state"))).orElseThrow();
        long id = listed.getJsonNumber("id").longValue();
        JsonObject recording = RecorderServer.json(recorder.getAsAdmin("/api/recordings/" + id)).asJsonObject();
        HttpResponse<byte[]> audio = recorder.getAsAdmin("/api/recordings/" + id + "/audio");
        WavContent wav = audio.statusCode() == 200 ? WavContent.of(audio.body()) : null;
        return new RecordedCall(callUuid, recording, wav, agent, customer);
    }

    public long id() {
        return recording.getJsonNumber("id").longValue();
    }

    public String state() {
        return recording.getString("state");
    }

    /** The audio; fails the test (with the recording's state) when there is none. */
    public WavContent audio() {
        if (wav == null) {
            throw new AssertionError("no audio for recording " + id() + ": " + recording);
        }
        return wav;
    }

    /** The instant of the WAV's frame 0: the first packet either party sent. */
    public Instant origin() {
        return agent.first().isBefore(customer.first()) ? agent.first() : customer.first();
    }

    /** The WAV frame of an instant of the call (at the WAV's rate: 8 kHz, or 16 kHz when a party is wideband). */
    public int frame(Instant instant) {
        return (int) Math.round(Duration.between(origin(), instant).toNanos() * rate() / 1e9);
    }

    /** The WAV's sample rate. */
    public int rate() {
        return wav == null ? RATE : Math.round(wav.format().getSampleRate());
    }

    /** The frame where the agent's or the customer's mark falls. */
    public int frame(Played party, String mark) {
        return frame(party.at(mark));
    }

    /** How long the recording should be: from the first packet sent to the end of the last one. */
    public long expectedMillis() {
        Instant end = agent.last().isAfter(customer.last()) ? agent.last() : customer.last();
        return Duration.between(origin(), end).toMillis() + 20;
    }

    /** A party's stream, by DN. */
    public StreamRecord stream(String dn) {
        return recording.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .filter(stream -> dn.equals(stream.getString("dn")))
                .map(StreamRecord::new)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stream of DN " + dn + " in " + recording));
    }

    /**
     * Asserts that a party's stream has one signalled pause, from its {@code hold} cue to its {@code resume} cue. The
     * recorder stamps each request on its arrival, which lies between the cue's start and its answer: on a busy
     * machine (the sending thread woken late, the request waiting in either SIP stack) well after the cue's mark, so
     * each end of the pause is checked against its cue's span, widened by {@code tolerance}.
     */
    public void assertOneSignalledPause(String dn, Played party, String hold, String resume, long tolerance) {
        List<StreamRecord.GapRecord> paused = stream(dn).gaps("SIGNALLED_PAUSE");
        assertEquals(1, paused.size(), () -> "one signalled pause: " + stream(dn).gaps());
        Played.Span held = party.cueMillis(hold);
        Played.Span resumed = party.cueMillis(resume);
        StreamRecord.GapRecord pause = paused.get(0);
        assertTrue(held.holds(pause.startMillis(), tolerance), () -> "the pause starts at " + pause.startMillis()
                + " ms, while the hold was on its way (" + held + "): " + stream(dn).gaps());
        assertTrue(resumed.since(held).holds(pause.lengthMillis(), tolerance), () -> "the pause lasts "
                + pause.lengthMillis() + " ms, from the hold to the resume (" + resumed.since(held) + "): "
                + stream(dn).gaps());
    }

    /** Each stream's DN, end reason and packet counters: what to read first when a call came out wrong. */
    public String streamsInBrief() {
        StringBuilder brief = new StringBuilder();
        for (JsonObject stream : recording.getJsonArray("streams").getValuesAs(JsonObject.class)) {
            brief.append("\n  DN ").append(stream.getString("dn")).append(" ended ")
                    .append(stream.getString("endReason", "?")).append(", received ")
                    .append(stream.get("packetsReceived")).append(", lost ").append(stream.get("packetsLost"))
                    .append(", late ").append(stream.get("packetsLate")).append(", malformed ")
                    .append(stream.get("packetsMalformed")).append(", foreign ").append(stream.get("packetsForeign"));
        }
        return brief.toString();
    }

    public static long millis(int frames) {
        return Math.round(frames * 1000.0 / RATE);
    }
}
