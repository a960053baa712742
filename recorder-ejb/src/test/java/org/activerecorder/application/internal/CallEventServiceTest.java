package org.activerecorder.application.internal;

import org.activerecorder.application.calls.CallEventApplied;
import org.activerecorder.application.calls.CallEventJson;
import org.activerecorder.application.calls.CallEventRefused;
import org.activerecorder.application.calls.CallFactsChanged;
import org.activerecorder.application.calls.CallView;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.recording.Recording;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call events applied to calls in memory: a call created by its event or found from its sessions, user data merged
 * over events with each key's time, and what is announced to the rules with which trigger.
 */
class CallEventServiceTest {

    private static final CallUuid CALL = new CallUuid("CALL-13");
    private static final Instant T0 = Instant.parse("2026-11-30T21:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);
    private static final Instant T3 = T0.plusSeconds(3);

    private final InMemoryCalls calls = new InMemoryCalls(T0);
    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final List<CallFactsChanged> announced = new ArrayList<>();
    private final CallEventService service = new CallEventService(calls, recordings, announced::add);

    @Test
    void anEventBeforeAnySessionCreatesTheCallAndAnnouncesItEstablished() throws CallEventRefused {
        CallEventApplied applied = apply("""
                {"state":"established","connId":"c1","thisDn":"1001","otherDn":"5551234","ani":"5551234",
                 "dnis":"8000","direction":"inbound","agentId":"agent7","userData":{"Segment":"gold"},
                 "extensions":{"record":"destination","id":"R-1"}}""", T1);

        assertTrue(applied.created());
        CallView view = applied.call();
        assertEquals("established", view.state());
        assertEquals("agent7", view.agentId());
        assertEquals("inbound", view.direction());
        assertEquals(T1, view.establishedAt());
        assertEquals(new CallView.UserDataEntry("gold", T1), view.userData().get("Segment"));
        assertEquals(1, announced.size());
        CallFactsChanged changed = announced.get(0);
        assertEquals(CallFactsChanged.Trigger.ESTABLISHED, changed.trigger());
        assertEquals(Set.of("Segment"), changed.changedUserKeys());
        assertEquals("1001", changed.facts().thisDn());
        assertEquals("established", changed.facts().state());
        assertEquals(Map.of("Segment", "gold"), changed.facts().userData());
        assertEquals(Map.of("record", "destination", "id", "R-1"), changed.facts().extensions());
        assertEquals(T1, changed.facts().at());
    }

    @Test
    void anEventAfterTheSessionsFindsTheCallAndItsRecordingsShowTheData() throws CallEventRefused {
        Recording recording = new Recording(calls.findOrCreate(CALL), new RecordingRequestId("r1"), new Dn("1001"),
                Map.of(), T0);
        recordings.add(recording);

        CallEventApplied applied = apply("{\"state\":\"established\",\"agentId\":\"agent7\"}", T1);

        assertFalse(applied.created());
        assertEquals(List.of(recording.id()), applied.call().recordings());
        assertEquals("agent7", recording.call().agentId());
    }

    @Test
    void userDataUpdatesOfAnEstablishedCallAreAnnouncedWithTheChangedKeysOnly() throws CallEventRefused {
        apply("{\"state\":\"established\",\"userData\":{\"a\":\"1\",\"b\":\"2\"}}", T1);

        CallView view = apply("{\"userData\":{\"b\":\"3\",\"a\":\"1\",\"c\":true}}", T2).call();
        apply("{\"userData\":{\"a\":\"1\"}}", T3);

        assertEquals(2, announced.size(), "the last event changed nothing: nothing announced");
        assertEquals(CallFactsChanged.Trigger.USER_DATA_UPDATED, announced.get(1).trigger());
        assertEquals(Set.of("b", "c"), announced.get(1).changedUserKeys());
        assertEquals(Map.of("a", "1", "b", "3", "c", "true"), announced.get(1).facts().userData());
        assertEquals(new CallView.UserDataEntry("1", T1), view.userData().get("a"), "older keys keep their time");
        assertEquals(new CallView.UserDataEntry("3", T2), view.userData().get("b"));
        assertEquals(List.of("a", "b", "c"), List.copyOf(view.userData().keySet()), "keys in order");
        assertEquals(List.of(new CallView.ReceivedEvent(T1, "{\"state\":\"established\",\"userData\":{\"a\":\"1\",\"b\":\"2\"}}"),
                new CallView.ReceivedEvent(T2, "{\"userData\":{\"b\":\"3\",\"a\":\"1\",\"c\":true}}")),
                view.events(), "each event as received, with its time");
    }

    @Test
    void aRoutingInstructionAloneOnAnEstablishedCallIsAnnouncedAsInstructed() throws CallEventRefused {
        apply("{\"state\":\"established\",\"thisDn\":\"1001\",\"userData\":{\"a\":\"1\"}}", T1);

        apply("{\"userData\":{\"a\":\"1\"},\"extensions\":{\"record\":\"destination\",\"id\":\"S-7\"}}", T2);
        apply("{\"extensions\":{\"dest\":\"somewhere\"}}", T3);

        assertEquals(List.of(CallFactsChanged.Trigger.ESTABLISHED, CallFactsChanged.Trigger.INSTRUCTED),
                announced.stream().map(CallFactsChanged::trigger).toList(),
                "extensions without record are no instruction");
        CallFactsChanged instructed = announced.get(1);
        assertEquals(Map.of("record", "destination", "id", "S-7"), instructed.facts().extensions());
        assertEquals(Set.of(), instructed.changedUserKeys());
        assertEquals("1001", instructed.facts().thisDn());
        assertEquals(T2, instructed.facts().at());
    }

    @Test
    void aRoutingInstructionBeforeEstablishedOrAfterReleasedIsNotAnnounced() throws CallEventRefused {
        apply("{\"extensions\":{\"record\":\"destination\"}}", T1);
        apply("{\"state\":\"established\"}", T2);
        apply("{\"state\":\"released\"}", T3);
        apply("{\"extensions\":{\"record\":\"destination\"}}", T3.plusSeconds(1));

        assertEquals(List.of(CallFactsChanged.Trigger.ESTABLISHED, CallFactsChanged.Trigger.RELEASED),
                announced.stream().map(CallFactsChanged::trigger).toList());
    }

    @Test
    void userDataBeforeEstablishedIsKeptAndAnnouncedWithTheEstablishedEvent() throws CallEventRefused {
        apply("{\"userData\":{\"early\":\"yes\"}}", T1);
        assertTrue(announced.isEmpty(), "rules run on established, not before");

        apply("{\"state\":\"established\"}", T2);

        assertEquals(CallFactsChanged.Trigger.ESTABLISHED, announced.get(0).trigger());
        assertEquals(Map.of("early", "yes"), announced.get(0).facts().userData());
    }

    @Test
    void releasedIsAnnouncedOnceAndDataAfterItIsKeptUnannounced() throws CallEventRefused {
        apply("{\"state\":\"established\"}", T1);
        apply("{\"state\":\"released\"}", T2);
        apply("{\"state\":\"released\",\"userData\":{\"wrapUp\":\"done\"}}", T3);

        assertEquals(List.of(CallFactsChanged.Trigger.ESTABLISHED, CallFactsChanged.Trigger.RELEASED),
                announced.stream().map(CallFactsChanged::trigger).toList());
        CallView view = service.find(CALL).orElseThrow();
        assertEquals("released", view.state());
        assertEquals(T2, view.releasedAt());
        assertEquals("done", view.userData().get("wrapUp").value());
    }

    @Test
    void anEventBeyondTheCallsKeyLimitIsRefusedAndChangesNothing() throws CallEventRefused {
        StringBuilder hundred = new StringBuilder("{\"state\":\"established\",\"userData\":{");
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        apply(hundred.append("}}").toString(), T1);

        CallEventRefused refused = assertThrows(CallEventRefused.class,
                () -> apply("{\"userData\":{\"more\":\"x\"}}", T2));

        assertTrue(refused.getMessage().contains("at most 100"), refused.getMessage());
        assertEquals(1, announced.size());
        assertEquals(T1, service.find(CALL).orElseThrow().lastEventAt());
    }

    private CallEventApplied apply(String json, Instant at) throws CallEventRefused {
        return service.apply(CallEventJson.read(CALL, json, at));
    }
}
