package org.activerecorder.domain.model.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.activerecorder.domain.model.CallUuid;

import java.time.Instant;
import java.util.Objects;

/**
 * A call the recorder has heard of, identified by its CallUUID. It is created by whichever arrives first
 * (a recording session from the Media Server, later a CTI event) and is where the sessions of one call meet.
 */
@Entity
@Table(name = "recorded_call")
public class Call {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(name = "call_uuid", nullable = false, unique = true, length = 64)
    private CallUuid callUuid;

    @Column(name = "first_seen_at", nullable = false)
    private Instant firstSeenAt;

    @Version
    private long version;

    protected Call() {
        // for JPA
    }

    public Call(CallUuid callUuid, Instant firstSeenAt) {
        this.callUuid = Objects.requireNonNull(callUuid, "callUuid");
        this.firstSeenAt = Objects.requireNonNull(firstSeenAt, "firstSeenAt");
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
}
