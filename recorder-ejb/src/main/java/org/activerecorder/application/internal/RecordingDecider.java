package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.activerecorder.application.calls.CallFacts;
import org.activerecorder.application.calls.CallFactsChanged;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnConfigurationRepository;
import org.activerecorder.domain.model.recording.Filing;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.rule.CallTraits;
import org.activerecorder.domain.model.rule.DecisionSource;
import org.activerecorder.domain.model.rule.InvalidRuleException;
import org.activerecorder.domain.model.rule.RecordedParties;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecision.Verdict;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;
import org.activerecorder.domain.model.rule.RecordingRuleRepository;
import org.activerecorder.domain.model.rule.RoutingInstruction;
import org.activerecorder.domain.model.rule.RuleBook;
import org.activerecorder.domain.model.rule.RuleMatch;
import org.activerecorder.domain.model.rule.RuleVersion;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Decides on each call event whether the DN it is about is recorded, and requests the recording when it is
 * ({@link RecordingRequests}: a {@code REQUESTED} recording, {@code START_RECORDING} to call control, the event): the
 * first, second and fourth ways a recording starts. Runs inside the transaction that merged the event
 * ({@link CallFactsChanged}) and holds the call's lock, so the decision, the event, the recording and the command
 * (which leaves on commit) stand or fall together, and no session or start of the call slips in between.
 *
 * <p>On {@code ESTABLISHED} and each {@code USER_DATA_UPDATED} or {@code INSTRUCTED} (an event that only carried a
 * routing instruction), in this order: a routing strategy's instruction in the event's extensions
 * ({@link RoutingInstruction}; it wins for the DN it names, and a {@code disable_*} keeps that DN unrecorded by
 * configuration and rules for the rest of the call), the DN's configuration (always recorded), the rules by priority
 * ({@link RuleBook}). Every outcome is stored as a {@link RecordingDecision}. A decision to record
 * names the recording's request id: the one requested for it, or the recording of that DN the call already has
 * (requested, active or paused: started over the API, or whose sessions came first), of which call control is not
 * asked again. A DN with a decision to record is not decided on again: the start is never sent twice for one call and
 * DN, and nothing here ever stops a recording. {@code RELEASED} decides nothing.
 */
@ApplicationScoped
public class RecordingDecider {

    private static final Logger LOG = Logger.getLogger(RecordingDecider.class.getName());

    @Inject
    private RecordingDecisionRepository decisions;

    @Inject
    private DnConfigurationRepository dns;

    @Inject
    private RecordingRuleRepository rules;

    @Inject
    private CallRepository calls;

    @Inject
    private RecordingRequests requests;

    /** For the container. */
    public RecordingDecider() {
    }

    /** Over these collaborators: for tests. */
    RecordingDecider(RecordingDecisionRepository decisions, DnConfigurationRepository dns,
                     RecordingRuleRepository rules, CallRepository calls, RecordingRequests requests) {
        this.decisions = decisions;
        this.dns = dns;
        this.rules = rules;
        this.calls = calls;
        this.requests = requests;
    }

    public void on(@Observes CallFactsChanged event) {
        if (event.trigger() == CallFactsChanged.Trigger.RELEASED) {
            return;
        }
        CallFacts facts = event.facts();
        Optional<RoutingInstruction> routing = routing(facts);
        List<RecordingDecision> earlier = decisions.ofCall(facts.callUuid());
        routing.filter(r -> r.party() == RoutingInstruction.Party.SOURCE)
                .ifPresent(forSource -> decideSource(forSource, event, earlier));
        Optional<Dn> destination = dn(facts.thisDn(), facts);
        if (destination.isEmpty() || settled(destination.get(), earlier)) {
            return;
        }
        Optional<RoutingInstruction> forThisDn = routing.filter(r -> r.party() == RoutingInstruction.Party.DESTINATION);
        if (forThisDn.isPresent()) {
            decideRouted(destination.get(), forThisDn.get(), event, earlier);
        } else {
            Verdict verdict = byConfigurationOrRules(destination.get(), facts);
            decide(destination.get(), verdict, null, null, event);
            if (verdict.record() && verdict.parties() == RecordedParties.BOTH) {
                decideOtherParty(destination.get(), verdict, event);
            }
        }
    }

    /**
     * What {@link #on} would decide for the facts' thisDn on a call nothing was decided on yet: the routing instruction
     * about it, else its DN configuration, else the rules by priority, exactly as a call event is decided. Stores
     * and requests nothing: the "would this call be recorded?" tester of the console and the API.
     *
     * @throws IllegalArgumentException when thisDn is not a DN the recorder can record
     */
    public Verdict preview(CallFacts facts) {
        Dn dn = new Dn(facts.thisDn());
        return RoutingInstruction.of(facts.extensions())
                .filter(r -> r.party() == RoutingInstruction.Party.DESTINATION)
                .map(RecordingDecider::routed)
                .orElseGet(() -> byConfigurationOrRules(dn, facts));
    }

    private static Verdict routed(RoutingInstruction routing) {
        return new Verdict(DecisionSource.ROUTING, null, null, routing.record(), RecordedParties.THIS_DN, null, null,
                routing.describe());
    }

    /**
     * A decision for {@code parties: both} records the call's other party too, as its own recording of the event's
     * otherDn (what {@code record=source} would ask for), unless that DN is settled already (asked for, or kept
     * unrecorded by a routing instruction) or is the same DN. The other party's decision is stored with the same rule.
     */
    private void decideOtherParty(Dn decided, Verdict verdict, CallFactsChanged event) {
        CallFacts facts = event.facts();
        Optional<Dn> other = dn(facts.otherDn(), facts).filter(dn -> !dn.equals(decided));
        if (other.isEmpty()) {
            LOG.info(() -> "Call " + facts.callUuid() + ": " + verdict.reason() + " records both parties, but the event"
                    + " names no other DN than " + decided + "; only " + decided + " is recorded");
            return;
        }
        if (!settled(other.get(), decisions.ofCall(facts.callUuid()))) {
            decide(other.get(), verdict, null, null, event);
        }
    }

    private static Optional<RoutingInstruction> routing(CallFacts facts) {
        Optional<RoutingInstruction> routing = RoutingInstruction.of(facts.extensions());
        if (routing.isEmpty() && facts.extensions().containsKey("record")) {
            LOG.warning(() -> "Call " + facts.callUuid() + ": routing extension record='"
                    + facts.extensions().get("record") + "' is not source, destination, disable_source or"
                    + " disable_destination; ignored");
        }
        return routing;
    }

    /** {@code record=source} or {@code disable_source}: about the party the call came from, the event's otherDn. */
    private void decideSource(RoutingInstruction routing, CallFactsChanged event, List<RecordingDecision> earlier) {
        CallFacts facts = event.facts();
        Optional<Dn> source = dn(facts.otherDn(), facts);
        if (source.isEmpty()) {
            LOG.warning(() -> "Call " + facts.callUuid() + ": " + routing.describe() + " but the event names no"
                    + " otherDn (the source); nothing decided for it");
        }
        source.ifPresent(dn -> decideRouted(dn, routing, event, earlier));
    }

    private void decideRouted(Dn dn, RoutingInstruction routing, CallFactsChanged event,
                              List<RecordingDecision> earlier) {
        if (settled(dn, earlier)) {
            return;
        }
        decide(dn, routed(routing), routing.id(), routing.dest(), event);
    }

    private Verdict byConfigurationOrRules(Dn dn, CallFacts facts) {
        Optional<DnConfiguration> configured = dns.find(dn).filter(DnConfiguration::alwaysRecorded);
        if (configured.isPresent()) {
            return new Verdict(DecisionSource.DN_CONFIGURATION, null, null, true, RecordedParties.THIS_DN,
                    configured.get().retentionDays(), null, "dn " + dn + " always recorded");
        }
        RuleBook book = new RuleBook(rules.current().stream().flatMap(v -> usable(v).stream()).toList());
        return book.decide(traits(facts)).map(Verdict::of).orElseGet(() -> new Verdict(DecisionSource.NONE, null,
                null, false, RecordedParties.THIS_DN, null, null, "no routing instruction, DN configuration or rule"));
    }

    private void decide(Dn dn, Verdict verdict, String routingId, String dest, CallFactsChanged event) {
        CallFacts facts = event.facts();
        if (!verdict.record()) {
            decisions.add(new RecordingDecision(facts.callUuid(), dn, verdict, event.trigger().name(), facts.at(),
                    null, dest));
            LOG.info(() -> "Call " + facts.callUuid() + ", DN " + dn + " on " + event.trigger() + ": do not record,"
                    + " by " + verdict.reason());
            return;
        }
        // the call event's transaction merged the call and holds its lock: no session joins and no start slips in
        Call call = calls.findByCallUuid(facts.callUuid()).orElseThrow(() -> new IllegalStateException("call "
                + facts.callUuid() + " is not stored, yet its event is being decided on"));
        Optional<Recording> underway = requests.underway(call, dn);
        Recording recording = underway.orElseGet(() -> requests.request(call, new RecordingRequests.Ask(dn,
                routingId, dest, verdict.reason(), verdict.reason(), facts.at()),
                new Filing(verdict.fileNameTemplate(), verdict.retentionDays())));
        decisions.add(new RecordingDecision(facts.callUuid(), dn, verdict, event.trigger().name(), facts.at(),
                recording.requestId(), dest));
        LOG.info(() -> "Call " + facts.callUuid() + ", DN " + dn + " on " + event.trigger() + ": record, by "
                + verdict.reason() + (underway.isPresent() ? "; the call already has its recording " + recording.id()
                + " (" + recording.phase() + ", record=" + recording.requestId() + "): call control is not asked again"
                : "; recording " + recording.id() + " requested (record=" + recording.requestId() + ")"));
    }

    /**
     * The rule this stored version says, unless it no longer validates (its time zone left the JDK's zone database,
     * say): then it is skipped with a warning rather than failing the call event it was evaluated for.
     */
    private static Optional<RuleMatch> usable(RuleVersion version) {
        try {
            return Optional.of(version.match());
        } catch (InvalidRuleException invalid) {
            LOG.warning(() -> "Rule " + version.ruleId() + " v" + version.version() + " is skipped: it is no longer"
                    + " valid (" + invalid.getMessage() + "); save it again");
            return Optional.empty();
        }
    }

    /** Whether an earlier decision already settled the DN: recording was asked, or routing forbade it. */
    private static boolean settled(Dn dn, List<RecordingDecision> earlier) {
        return earlier.stream().anyMatch(d -> d.dn().equals(dn) && d.settles());
    }

    private static Optional<Dn> dn(String value, CallFacts facts) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Dn(value));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Call " + facts.callUuid() + ": DN '" + value + "' is not one the recorder can"
                    + " record; nothing decided for it (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    static CallTraits traits(CallFacts f) {
        return new CallTraits(f.callUuid(), f.thisDn(), f.otherDn(), f.agentId(), f.direction(), f.ani(), f.dnis(),
                f.userData(), f.at());
    }
}
