package org.activerecorder.load;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CompletionsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

    private final Map<String, RecordingEvents.Heard> heard = new HashMap<>();

    /** A call both of whose parties were answered. */
    private static LoadCall answered(String id) {
        LoadCall call = new LoadCall(id);
        call.agent.inviteStatus = 200;
        call.customer.inviteStatus = 200;
        return call;
    }

    /** A call whose last BYE went {@code byeMillis} after T0 and whose event came {@code latencyMillis} after it. */
    private LoadCall call(String id, long byeMillis, long latencyMillis, Long finishingMillis) {
        return call(id, byeMillis, latencyMillis, finishingMillis, finishingMillis == null ? null : finishingMillis + 5);
    }

    /** The same, the outbox's send {@code sentMillis} after the BYE. */
    private LoadCall call(String id, long byeMillis, long latencyMillis, Long finishingMillis, Long sentMillis) {
        LoadCall call = answered(id);
        call.lastByeNanos = byeMillis * 1_000_000;
        call.lastByeAt = T0.plusMillis(byeMillis);
        heard.put(id, new RecordingEvents.Heard("RecordingCompleted", (byeMillis + latencyMillis) * 1_000_000,
                T0.plusMillis(byeMillis + latencyMillis),
                finishingMillis == null ? null : T0.plusMillis(byeMillis + finishingMillis),
                sentMillis == null ? null : T0.plusMillis(byeMillis + sentMillis)));
        return call;
    }

    @Test
    void theLatencyIsSplitAtTheServersCompletedAtAndTheOutboxsSend() {
        List<LoadCall> calls = List.of(call("a", 0, 100, 30L, 60L), call("b", 20, 50, 40L, 42L));
        Completions completions = Completions.of(calls, heard::get);
        assertEquals(2, completions.latency().count());
        assertEquals(100.0, completions.latency().max());
        assertEquals(30.0, completions.untilFinishing().p50());
        assertEquals(40.0, completions.untilFinishing().max());
        assertEquals(2.0, completions.untilSent().p50());
        assertEquals(30.0, completions.untilSent().max());
        assertEquals(8.0, completions.untilHeard().p50());
        assertEquals(40.0, completions.untilHeard().max());
    }

    @Test
    void anEventWithoutTheInstantCountsInTheLatencyAloneAndAnUnheardOneNowhere() {
        List<LoadCall> calls = List.of(call("a", 0, 100, null), call("b", 20, 50, 40L), answered("unheard"));
        Completions completions = Completions.of(calls, heard::get);
        assertEquals(2, completions.latency().count());
        assertEquals(1, completions.untilFinishing().count());
        assertEquals(1, completions.untilSent().count());
        assertEquals(1, completions.untilHeard().count());
    }

    @Test
    void theFifthsFollowTheOrderTheCallsEndedNotTheOrderGiven() {
        List<LoadCall> calls = List.of(call("late", 900, 10, null), call("first", 0, 500, null),
                call("b", 100, 400, null), call("c", 200, 300, null), call("d", 300, 200, null));
        Completions completions = Completions.of(calls, heard::get);
        assertEquals(500.0, completions.byFifth().get(0).p50());
        assertEquals(10.0, completions.byFifth().get(4).p50());
    }

    @Test
    void theEventsInstantIsReadFromItsBody() {
        assertEquals(Instant.parse("2026-12-06T20:00:01.234567Z"), RecordingEvents.finishing(
                "{\"type\":\"RecordingCompleted\",\"completedAt\":\"2026-12-06T20:00:01.234567Z\"}"));
        assertEquals(Instant.parse("2026-12-06T20:00:02Z"), RecordingEvents.finishing(
                "{\"type\":\"RecordingFailed\",\"failedAt\":\"2026-12-06T20:00:02Z\"}"));
        assertNull(RecordingEvents.finishing("{\"type\":\"RecordingCompleted\"}"));
        assertNull(RecordingEvents.finishing("not json"));
        assertNull(RecordingEvents.finishing(null));
    }
}
