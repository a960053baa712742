package org.activerecorder.application.internal;

import org.activerecorder.application.calls.CallControlCommand;
import org.activerecorder.application.calls.CallFacts;
import org.activerecorder.application.calls.CallFactsChanged;
import org.activerecorder.application.calls.CallFactsChanged.Trigger;
import org.activerecorder.application.events.RecordingControlEvent;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.Filing;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingPhase;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnSettings;
import org.activerecorder.domain.model.rule.DecisionSource;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RecordedParties;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision on call events, as the calls' transaction fires them: routing instruction first, then the DN's
 * configuration, then the rules by priority; every decision stored with the call; START_RECORDING (3013) sent once
 * per call and DN with the request id the Media Server will carry. Repositories and call control are in memory.
 */
class RecordingDeciderTest {

    private static final CallUuid CALL = new CallUuid("CALL-13");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final List<RecordingDecision> stored = new ArrayList<>();
    private final RecordingDecisionRepository decisions = new RecordingDecisionRepository() {
        @Override
        public void add(RecordingDecision decision) {
            stored.add(decision);
        }

        @Override
        public List<RecordingDecision> ofCall(CallUuid callUuid) {
            return stored.stream().filter(d -> d.callUuid().equals(callUuid)).toList();
        }
    };
    private final InMemoryDns dns = new InMemoryDns();
    private final InMemoryRules rules = new InMemoryRules();
    private final InMemoryCalls calls = new InMemoryCalls(T0);
    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final List<CallControlCommand> sent = new ArrayList<>();
    private final List<RecordingEvent> published = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final RecordingDecider decider = new RecordingDecider(decisions, dns, rules, calls,
            new RecordingRequests(recordings, sent::add, published::add, () -> "req-" + ids.incrementAndGet()));
    private final Call call = calls.findOrCreate(CALL);

    @BeforeEach
    void callEstablished() {
        // as the call event's transaction merged it before announcing it
        call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", new Dn("1001"), new Dn("5551234"), "5551234",
                "0800", null, null, Map.of()), T0, "{}");
    }

    @Test
    void anAlwaysRecordedDnIsStartedOnEstablishedWithAFreshRequestId() {
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, 30), T0));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0));

        assertEquals(1, sent.size());
        CallControlCommand start = sent.get(0);
        assertEquals(CallControlCommand.Type.START_RECORDING, start.type());
        assertEquals(3013, start.type().privateService());
        assertEquals(CALL, start.callUuid());
        assertEquals("conn-1", start.connId());
        assertEquals("1001", start.thisDn());
        assertEquals("req-1", start.id());
        assertNull(start.dest());
        assertEquals("dn 1001 always recorded", start.reason());
        assertEquals(T0, start.at());
        RecordingDecision decision = stored.get(0);
        assertEquals(DecisionSource.DN_CONFIGURATION, decision.source());
        assertTrue(decision.record());
        assertEquals(30, decision.retentionDays());
        assertEquals("req-1", decision.requestId().value());
        assertEquals("ESTABLISHED", decision.trigger());
        assertEquals(new Filing(null, 30), recordings.ofCall(call).get(0).filing(), "the DN's retention, no template");
    }

    @Test
    void theRulesFileNameTemplateAndRetentionGoWithTheRequestedRecording() {
        RecordingRule rule = new RecordingRule(T0);
        rules.add(rule);
        rules.add(rule.revise(new RuleDraft("Kept", 1, true, null, null, null, null, null, null, null, List.of(), null,
                null, null, null, true, null, 90, "{dn}_{ani}_{callUuid}"), T0, "admin"));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0));

        Recording recording = recordings.ofCall(call).get(0);
        assertEquals(new Filing("{dn}_{ani}_{callUuid}", 90), recording.filing());
        assertEquals(recording.filing(), new Filing(stored.get(0).fileNameTemplate(), stored.get(0).retentionDays()),
                "as the decision stored them");
    }

    @Test
    void aDecisionToRecordIsARequestedRecordingWithTheDecisionsIdAndItsEvent() {
        long ruleId = rule("Gold", 5, "tier", "gold", true);

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of("tier", "gold"), Map.of(), T0));

        List<Recording> requested = recordings.ofCall(call);
        assertEquals(1, requested.size());
        Recording recording = requested.get(0);
        assertEquals(RecordingPhase.REQUESTED, recording.phase());
        assertEquals(new Dn("1001"), recording.recordDn());
        assertEquals(T0, recording.startedAt());
        assertEquals(stored.get(0).requestId(), recording.requestId(), "the decision names its recording");
        assertEquals(recording.requestId().value(), sent.get(0).id(), "the record= id the Media Server will carry");
        RecordingControlEvent event = (RecordingControlEvent) published.get(0);
        assertEquals(RecordingControlEvent.REQUESTED, event.type());
        assertEquals(recording.id(), event.recordingId());
        assertEquals("CALL-13", event.callUuid());
        assertEquals("1001", event.recordDn());
        assertEquals("req-1", event.requestId());
        assertEquals("rule " + ruleId + " v1 \"Gold\"", event.requestedBy(), "what decided");
        assertEquals(T0, event.at());
        assertEquals(Filing.NONE, recording.filing(), "the rule gave no template or retention");
    }

    @Test
    void aSecondDecisionWorthyEventCreatesNothing() {
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));
        rule("Everything", 1, null, null, true);

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("k", "v"), Map.of(), T0.plusSeconds(5)));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of(), Map.of("record", "destination", "id", "s-1"),
                T0.plusSeconds(6)));

        assertEquals(1, recordings.ofCall(call).size());
        assertEquals(1, sent.size());
        assertEquals(1, published.size());
        assertEquals(1, stored.size());
    }

    @Test
    void aDnTheCallAlreadyRecordsIsNotRequestedAgainAndTheDecisionNamesThatRecording() {
        Recording byApi = Recording.requested(call, new RecordingRequestId("desk-1"), new Dn("1001"), T0);
        recordings.add(byApi);
        Recording sessionsFirst = new Recording(call, new RecordingRequestId("ms-5551234"), new Dn("5551234"),
                Map.of(), T0);
        recordings.add(sessionsFirst);
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "source", "id", "strategy-9"),
                T0.plusSeconds(1)));

        assertTrue(sent.isEmpty(), () -> "sent " + sent);
        assertTrue(published.isEmpty(), () -> "published " + published);
        assertEquals(2, recordings.ofCall(call).size());
        assertEquals(List.of("5551234/ROUTING/ms-5551234", "1001/DN_CONFIGURATION/desk-1"), stored.stream()
                .map(d -> d.dn() + "/" + d.source() + "/" + d.requestId()).toList());
    }

    @Test
    void aDnWhoseRecordingEndedIsRequestedAgainWithAnIdNoRecordingOfTheCallHas() {
        Recording stopped = Recording.requested(call, new RecordingRequestId("strategy-77"), new Dn("1001"), T0);
        recordings.add(stopped);
        stopped.stop(T0, "desk");

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "destination", "id", "strategy-77"),
                T0.plusSeconds(1)));

        assertEquals("req-1", sent.get(0).id(), "strategy-77 is the stopped recording's");
        assertEquals(2, recordings.ofCall(call).size());
        assertEquals("req-1", stored.get(0).requestId().value());
    }

    @Test
    void aRuleThatMatchesOnlyAfterAUserDataUpdateStartsThenAndNeverAgain() {
        long ruleId = rule("Complaints", 10, "reason", "complaint*", true);

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of("lang", "en"), Map.of(), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("lang", "en", "reason", "complaint-billing"),
                Map.of(), T0.plusSeconds(30)));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("reason", "complaint-billing", "vip", "yes"),
                Map.of(), T0.plusSeconds(60)));

        assertEquals(List.of(DecisionSource.NONE, DecisionSource.RULE),
                stored.stream().map(RecordingDecision::source).toList());
        assertFalse(stored.get(0).record());
        RecordingDecision byRule = stored.get(1);
        assertEquals(ruleId, byRule.ruleId());
        assertEquals(1, byRule.ruleVersion());
        assertEquals("USER_DATA_UPDATED", byRule.trigger());
        assertEquals(T0.plusSeconds(30), byRule.decidedAt());
        assertEquals(1, sent.size(), "one start for the call and DN");
        assertEquals("rule " + ruleId + " v1 \"Complaints\"", sent.get(0).reason());
    }

    @Test
    void aRuleSayingDoNotRecordIsStoredAndTheRulesRunAgainOnTheNextUpdate() {
        rule("VIP never", 1, "vip", "yes", false);
        rule("Everything", 99, null, null, true);

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of("vip", "yes"), Map.of(), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("vip", "no"), Map.of(), T0.plusSeconds(5)));

        assertEquals(List.of(false, true), stored.stream().map(RecordingDecision::record).toList());
        assertEquals(List.of("VIP never", "Everything"), stored.stream()
                .map(d -> d.reason().substring(d.reason().indexOf('"') + 1, d.reason().length() - 1)).toList());
        assertEquals(1, sent.size());
    }

    @Test
    void aRoutingInstructionToRecordTheDestinationPassesItsIdAndDestOn() {
        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(),
                Map.of("record", "destination", "id", "strategy-77", "dest", "sip:recorder@example.com"), T0));

        CallControlCommand start = sent.get(0);
        assertEquals("strategy-77", start.id());
        assertEquals("sip:recorder@example.com", start.dest());
        assertEquals("1001", start.thisDn());
        assertEquals("routing record=destination", start.reason());
        assertEquals(DecisionSource.ROUTING, stored.get(0).source());
        assertEquals("sip:recorder@example.com", stored.get(0).dest());
    }

    @Test
    void aRoutingInstructionThatCameAloneIsDecidedOnLikeAUserDataUpdate() {
        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0));
        decider.on(event(Trigger.INSTRUCTED, "1001", Map.of(), Map.of("record", "destination", "id", "strategy-8"),
                T0.plusSeconds(4)));

        assertEquals(List.of("NONE/ESTABLISHED", "ROUTING/INSTRUCTED"), stored.stream()
                .map(d -> d.source() + "/" + d.trigger()).toList());
        assertEquals(List.of("strategy-8"), sent.stream().map(CallControlCommand::id).toList());
        assertEquals(RecordingPhase.REQUESTED, recordings.ofCall(call).get(0).phase());
    }

    @Test
    void aRoutingIdTheMediaServerCannotCarryIsReplacedByAFreshOne() {
        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "destination", "id", "a b@c"), T0));

        assertEquals("req-1", sent.get(0).id());
    }

    @Test
    void disableDestinationWinsOverTheDnConfigurationAndRulesForTheRestOfTheCall() {
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));
        rule("Everything", 1, null, null, true);

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "disable_destination"), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("k", "v"), Map.of(), T0.plusSeconds(9)));

        assertTrue(sent.isEmpty(), () -> "sent " + sent);
        assertEquals(1, stored.size());
        assertEquals(DecisionSource.ROUTING, stored.get(0).source());
        assertFalse(stored.get(0).record());
        assertEquals("routing record=disable_destination", stored.get(0).reason());
    }

    @Test
    void recordSourceRecordsTheOtherPartyWhileTheRulesStillDecideForThisDn() {
        rule("Sales", 1, null, null, true);

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "source"), T0));

        assertEquals(List.of("5551234", "1001"), sent.stream().map(CallControlCommand::thisDn).toList());
        assertEquals(List.of("req-1", "req-2"), sent.stream().map(CallControlCommand::id).toList());
        assertEquals(List.of(DecisionSource.ROUTING, DecisionSource.RULE),
                stored.stream().map(RecordingDecision::source).toList());
    }

    @Test
    void disableSourceKeepsTheOtherPartyUnrecordedAndThisDnIsDecidedAsUsual() {
        dns.add(new DnConfiguration(new DnSettings("5551234", "extension", true, null, null), T0));
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "disable_source"), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "5551234", Map.of("k", "v"), Map.of(), T0.plusSeconds(3)));

        assertEquals(List.of("1001"), sent.stream().map(CallControlCommand::thisDn).toList());
        assertEquals(List.of("5551234/ROUTING/false", "1001/DN_CONFIGURATION/true"), stored.stream()
                .map(d -> d.dn() + "/" + d.source() + "/" + d.record()).toList());
    }

    @Test
    void anUnknownRoutingValueIsIgnoredAndTheDnIsDecidedAsUsual() {
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "sometimes"), T0));

        assertEquals(DecisionSource.DN_CONFIGURATION, stored.get(0).source());
        assertEquals(1, sent.size());
    }

    @Test
    void anotherDnOfTheSameCallIsDecidedOnItsOwn() {
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));
        dns.add(new DnConfiguration(new DnSettings("1002", "extension", true, null, null), T0));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0));
        decider.on(event(Trigger.ESTABLISHED, "1002", Map.of(), Map.of(), T0.plusSeconds(60)));
        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0.plusSeconds(90)));

        assertEquals(List.of("1001", "1002"), sent.stream().map(CallControlCommand::thisDn).toList());
    }

    @Test
    void aReleaseDecidesNothing() {
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, null), T0));

        decider.on(event(Trigger.RELEASED, "1001", Map.of(), Map.of(), T0));

        assertTrue(stored.isEmpty());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aRuleDecidesWithItsCurrentVersion() {
        long id = rule("Sales", 1, "team", "blue", true);
        RecordingRule stored = rules.find(id).orElseThrow();
        rules.add(stored.revise(draft("Sales v2", 1, "team", "red", true), T0, "admin"));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of("team", "blue"), Map.of(), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("team", "red"), Map.of(), T0.plusSeconds(1)));

        assertEquals(List.of(DecisionSource.NONE, DecisionSource.RULE),
                this.stored.stream().map(RecordingDecision::source).toList());
        assertEquals(2, this.stored.get(1).ruleVersion());
    }

    @Test
    void aRuleForBothPartiesRecordsTheOtherDnTooAsItsOwnRecordingOnce() {
        RecordingRule rule = new RecordingRule(T0);
        rules.add(rule);
        rules.add(rule.revise(new RuleDraft("Both", 1, true, "1001", null, null, null, null, null, null, List.of(),
                null, null, null, null, true, "both", 30, null), T0, "admin"));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of(), T0));
        decider.on(event(Trigger.USER_DATA_UPDATED, "1001", Map.of("k", "v"), Map.of(), T0.plusSeconds(1)));

        assertEquals(List.of("5551234", "1001"), recordings.ofCall(call).stream().map(r -> r.recordDn().value())
                .sorted(Comparator.reverseOrder()).toList());
        assertEquals(List.of("1001", "5551234"), sent.stream().map(CallControlCommand::thisDn).toList(),
                "call control is asked for each party once");
        assertEquals(List.of("1001", "5551234"), stored.stream().map(d -> d.dn().value()).toList());
        assertTrue(stored.stream().allMatch(d -> java.util.Objects.equals(d.ruleId(), rule.id()) && d.parties() == RecordedParties.BOTH));
        assertTrue(recordings.ofCall(call).stream().allMatch(r -> Integer.valueOf(30).equals(r.filing()
                .retentionDays())), "both filed as the rule says");
    }

    @Test
    void aRuleForBothPartiesLeavesAnOtherDnThatRoutingKeptUnrecorded() {
        RecordingRule rule = new RecordingRule(T0);
        rules.add(rule);
        rules.add(rule.revise(new RuleDraft("Both", 1, true, "1001", null, null, null, null, null, null, List.of(),
                null, null, null, null, true, "both", null, null), T0, "admin"));

        decider.on(event(Trigger.ESTABLISHED, "1001", Map.of(), Map.of("record", "disable_source"), T0));

        assertEquals(List.of("1001"), sent.stream().map(CallControlCommand::thisDn).toList());
    }

    private long rule(String name, int priority, String key, String value, boolean record) {
        RecordingRule rule = new RecordingRule(T0);
        rules.add(rule);
        rules.add(rule.revise(draft(name, priority, key, value, record), T0, "admin"));
        return rule.id();
    }

    private static RuleDraft draft(String name, int priority, String key, String value, boolean record) {
        return new RuleDraft(name, priority, true, null, null, null, null, null, key, value, List.of(), null, null,
                null, null, record, null, null, null);
    }

    private static CallFactsChanged event(Trigger trigger, String thisDn, Map<String, String> userData,
                                          Map<String, String> extensions, Instant at) {
        CallFacts facts = new CallFacts(CALL, trigger == Trigger.RELEASED ? "released" : "established", "conn-1",
                thisDn, "5551234", "5551234", "0800", "inbound", null, new HashMap<>(userData), extensions, at);
        return new CallFactsChanged(facts, trigger, Set.copyOf(userData.keySet()));
    }
}
