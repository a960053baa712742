package org.activerecorder.domain.model.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One call event as it was received, with its arrival time: the call's history, so that a person can see what call
 * control said and when (user data merges, so the merged map alone cannot tell). A call keeps the newest
 * {@link Call#MAX_HISTORY} of them.
 */
@Entity
@Table(name = "call_event")
public class CallEventEntry {

    /** Characters of an event's JSON kept at most: the API and the queue take no larger event. */
    public static final int MAX_JSON_LENGTH = 65536;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "call_id")
    private Call call;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "event_json", nullable = false, length = MAX_JSON_LENGTH)
    private String json;

    protected CallEventEntry() {
        // for JPA
    }

    CallEventEntry(Call call, Instant receivedAt, String json) {
        this.call = Objects.requireNonNull(call, "call");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.json = Objects.requireNonNull(json, "json");
        if (json.length() > MAX_JSON_LENGTH) {
            throw new InvalidCallData("a call event is at most " + MAX_JSON_LENGTH + " characters of JSON, this one has "
                    + json.length());
        }
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String json() {
        return json;
    }
}
