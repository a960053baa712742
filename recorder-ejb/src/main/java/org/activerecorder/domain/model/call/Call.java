package org.activerecorder.domain.model.call;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A call the recorder has heard of, identified by its CallUUID. It is created by whichever arrives first (a recording
 * session from the Media Server, or a call event from call control) and is where the sessions of one call meet.
 *
 * <p>Call control's events {@link #merge merge} into it: the facts an event names (state, connId, DNs, ANI, DNIS,
 * direction, agent) replace what was there, those it does not name stay; its user data (the call's attached data)
 * adds or replaces keys, each with the time it got its value, and a key is deleted only when an event says so (a
 * {@code null} value). The newest {@link #MAX_HISTORY} events are kept as received. An event that would break a limit
 * ({@link CallUpdate}) changes nothing.
 */
@Entity
@Table(name = "recorded_call")
public class Call {

    /** Events kept per call: the newest; older ones are dropped (their effect stays in the merged facts). */
    public static final int MAX_HISTORY = 50;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(name = "call_uuid", nullable = false, unique = true, length = 64)
    private CallUuid callUuid;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "state", length = 16)
    private CallState state;

    @Column(name = "conn_id", length = CallUpdate.MAX_FACT_LENGTH)
    private String connId;

    @Column(name = "this_dn", length = 64)
    private Dn thisDn;

    @Column(name = "other_dn", length = 64)
    private Dn otherDn;

    @Column(name = "ani", length = CallUpdate.MAX_FACT_LENGTH)
    private String ani;

    @Column(name = "dnis", length = CallUpdate.MAX_FACT_LENGTH)
    private String dnis;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "direction", length = 16)
    private CallDirection direction;

    @Column(name = "agent_id", length = CallUpdate.MAX_FACT_LENGTH)
    private String agentId;

    @Column(name = "established_at")
    private Instant establishedAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Column(name = "last_event_at")
    private Instant lastEventAt;

    @ElementCollection
    @CollectionTable(name = "call_user_data", joinColumns = @JoinColumn(name = "call_id"))
    @MapKeyColumn(name = "data_key", length = CallUpdate.MAX_KEY_LENGTH)
    private Map<String, UserDataValue> userData = new HashMap<>();

    @OneToMany(mappedBy = "call", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("receivedAt asc, id asc")
    private List<CallEventEntry> history = new ArrayList<>();

    @Version
    private long version;

    protected Call() {
        // for JPA
    }

    public Call(CallUuid callUuid, Instant firstSeenAt) {
        this.callUuid = Objects.requireNonNull(callUuid, "callUuid");
        this.firstSeenAt = Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    }

    /**
     * Merges one call event received at {@code at}, and keeps it ({@code json}, as received) in the history.
     *
     * @throws InvalidCallData if the call would hold more than {@link CallUpdate#MAX_KEYS} user-data keys, or the JSON
     *                         is too long; the call is then unchanged
     */
    public CallChange merge(CallUpdate update, Instant at, String json) {
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(at, "at");
        CallEventEntry entry = new CallEventEntry(this, at, json);
        Map<String, String> merged = userDataValues();
        update.userData().forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        if (merged.size() > CallUpdate.MAX_KEYS) {
            throw new InvalidCallData("the call would hold " + merged.size() + " userData keys; at most "
                    + CallUpdate.MAX_KEYS + " (delete keys with a null value)");
        }
        CallState before = state;
        boolean factsChanged = mergeFacts(update);
        if (update.state() != null && update.state() != state) {
            state = update.state();
            if (state == CallState.ESTABLISHED) {
                establishedAt = at;
            } else {
                releasedAt = at;
            }
        }
        Set<String> changed = mergeUserData(update.userData(), at);
        lastEventAt = at;
        history.add(entry);
        while (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
        return new CallChange(before, state, changed, factsChanged);
    }

    private boolean mergeFacts(CallUpdate update) {
        boolean changed = false;
        if (update.connId() != null && !update.connId().equals(connId)) {
            connId = update.connId();
            changed = true;
        }
        if (update.thisDn() != null && !update.thisDn().equals(thisDn)) {
            thisDn = update.thisDn();
            changed = true;
        }
        if (update.otherDn() != null && !update.otherDn().equals(otherDn)) {
            otherDn = update.otherDn();
            changed = true;
        }
        if (update.ani() != null && !update.ani().equals(ani)) {
            ani = update.ani();
            changed = true;
        }
        if (update.dnis() != null && !update.dnis().equals(dnis)) {
            dnis = update.dnis();
            changed = true;
        }
        if (update.direction() != null && update.direction() != direction) {
            direction = update.direction();
            changed = true;
        }
        if (update.agentId() != null && !update.agentId().equals(agentId)) {
            agentId = update.agentId();
            changed = true;
        }
        return changed;
    }

    private Set<String> mergeUserData(Map<String, String> changes, Instant at) {
        Set<String> changed = new HashSet<>();
        changes.forEach((key, value) -> {
            UserDataValue current = userData.get(key);
            if (value == null) {
                if (userData.remove(key) != null) {
                    changed.add(key);
                }
            } else if (current == null || !current.text().equals(value)) {
                userData.put(key, new UserDataValue(value, at));
                changed.add(key);
            }
        });
        return changed;
    }

    public Long id() {
        return id;
    }

    public CallUuid callUuid() {
        return callUuid;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    /** {@code null} until call control said established or released. */
    public CallState state() {
        return state;
    }

    public String connId() {
        return connId;
    }

    public Dn thisDn() {
        return thisDn;
    }

    public Dn otherDn() {
        return otherDn;
    }

    public String ani() {
        return ani;
    }

    public String dnis() {
        return dnis;
    }

    public CallDirection direction() {
        return direction;
    }

    public String agentId() {
        return agentId;
    }

    public Instant establishedAt() {
        return establishedAt;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    /** When the last call event arrived; {@code null} if none did (the call is known from its sessions only). */
    public Instant lastEventAt() {
        return lastEventAt;
    }

    /** The attached data with each value's time. */
    public Map<String, UserDataValue> userData() {
        return Collections.unmodifiableMap(userData);
    }

    /** The attached data, values only. */
    public Map<String, String> userDataValues() {
        Map<String, String> values = new LinkedHashMap<>();
        userData.forEach((key, value) -> values.put(key, value.text()));
        return values;
    }

    /** The newest events, oldest first. */
    public List<CallEventEntry> history() {
        return Collections.unmodifiableList(history);
    }
}
