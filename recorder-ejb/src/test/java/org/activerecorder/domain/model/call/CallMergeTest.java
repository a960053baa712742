package org.activerecorder.domain.model.call;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How call events merge into a call: facts replaced where named, user data merged with each key's time. */
class CallMergeTest {

    private static final Instant T0 = Instant.parse("2026-11-30T21:00:00Z");
    private static final Instant T1 = T0.plusSeconds(10);
    private static final Instant T2 = T0.plusSeconds(20);

    private final Call call = new Call(new CallUuid("C-1"), T0);

    @Test
    void anEstablishedEventSetsTheFactsAndTheUserData() {
        CallChange change = call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", new Dn("1001"), new Dn("5551234"),
                "5551234", "8000", CallDirection.INBOUND, "agent7", Map.of("Segment", "gold")), T1, "{}");

        assertTrue(change.becameEstablished());
        assertEquals(Set.of("Segment"), change.changedKeys());
        assertEquals(CallState.ESTABLISHED, call.state());
        assertEquals("conn-1", call.connId());
        assertEquals(new Dn("1001"), call.thisDn());
        assertEquals(new Dn("5551234"), call.otherDn());
        assertEquals("5551234", call.ani());
        assertEquals("8000", call.dnis());
        assertEquals(CallDirection.INBOUND, call.direction());
        assertEquals("agent7", call.agentId());
        assertEquals(T1, call.establishedAt());
        assertNull(call.releasedAt());
        assertEquals(T1, call.lastEventAt());
        assertEquals(T1, call.userData().get("Segment").updatedAt());
    }

    @Test
    void laterUserDataMergesOlderKeysKeepTheirValueAndTimeAndNullDeletes() {
        call.merge(CallUpdate.userData(Map.of("Segment", "gold", "Case", "17", "Lang", "en")), T1, "{}");
        Map<String, String> update = new LinkedHashMap<>();
        update.put("Case", "18");
        update.put("Lang", "en");
        update.put("Segment", null);
        update.put("Queue", "sales");

        CallChange change = call.merge(CallUpdate.userData(update), T2, "{}");

        assertEquals(Set.of("Case", "Segment", "Queue"), change.changedKeys(), "Lang was sent again unchanged");
        assertEquals(Map.of("Case", "18", "Lang", "en", "Queue", "sales"), call.userDataValues());
        assertEquals(T2, call.userData().get("Case").updatedAt());
        assertEquals(T1, call.userData().get("Lang").updatedAt(), "the same value again does not move its time");
        assertEquals(T2, call.userData().get("Queue").updatedAt());
    }

    @Test
    void factsAnEventDoesNotNameStayAsTheyAre() {
        call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", new Dn("1001"), null, "555", null, null, "agent7",
                null), T1, "{}");

        CallChange change = call.merge(new CallUpdate(CallState.RELEASED, null, null, null, null, null, null, null,
                null), T2, "{}");

        assertTrue(change.becameReleased());
        assertFalse(change.factsChanged());
        assertEquals("conn-1", call.connId());
        assertEquals("agent7", call.agentId());
        assertEquals(T1, call.establishedAt());
        assertEquals(T2, call.releasedAt());
    }

    @Test
    void aCallHoldsAtMostAHundredKeysAndAnEventBeyondChangesNothing() {
        Map<String, String> hundred = new HashMap<>();
        for (int i = 0; i < CallUpdate.MAX_KEYS; i++) {
            hundred.put("k" + i, "v");
        }
        call.merge(CallUpdate.userData(hundred), T1, "{}");

        InvalidCallData refused = assertThrows(InvalidCallData.class, () -> call.merge(
                new CallUpdate(CallState.ESTABLISHED, null, null, null, null, null, null, null, Map.of("one", "more")),
                T2, "{}"));

        assertTrue(refused.getMessage().contains("101 userData keys; at most 100"), refused.getMessage());
        assertNull(call.state(), "nothing of the refused event was applied");
        assertEquals(T1, call.lastEventAt());
        assertEquals(1, call.history().size());
        Map<String, String> swap = new HashMap<>();
        swap.put("k0", null);
        swap.put("one", "more");
        assertEquals(Set.of("k0", "one"), call.merge(CallUpdate.userData(swap), T2, "{}").changedKeys(),
                "deleting makes room");
    }

    @Test
    void theNewestEventsAreKeptAsReceived() {
        for (int i = 0; i < Call.MAX_HISTORY + 5; i++) {
            call.merge(CallUpdate.userData(Map.of("n", Integer.toString(i))), T0.plusSeconds(i), "{\"n\":" + i + "}");
        }

        assertEquals(Call.MAX_HISTORY, call.history().size());
        assertEquals("{\"n\":5}", call.history().get(0).json());
        assertEquals(T0.plusSeconds(5), call.history().get(0).receivedAt());
        assertEquals("{\"n\":54}", call.history().get(Call.MAX_HISTORY - 1).json());
    }
}
