package org.activerecorder.infrastructure.messaging.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A message for the broker, stored in the transaction that decided it and deleted in the one that sends it
 * ({@link OutboxRelay}). Its id is the database's identity, given at the insert, so the relay sends in the order the
 * messages were stored.
 */
@Entity
@Table(name = "jms_outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The JNDI name of the queue or topic, as the server binds it. */
    @Column(nullable = false, length = 200)
    private String destination;

    @Column(nullable = false, length = 1_000_000)
    private String body;

    /** The message's properties as a JSON object of strings and whole numbers. */
    @Column(nullable = false, length = 4096)
    private String properties;

    /** When the message stops being worth delivering; {@code null}: never. */
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    /** For JPA. */
    protected OutboxMessage() {
    }

    OutboxMessage(String destination, String body, String properties, Instant expiresAt, Instant storedAt) {
        this.destination = destination;
        this.body = body;
        this.properties = properties;
        this.expiresAt = expiresAt;
        this.storedAt = storedAt;
    }

    Long id() {
        return id;
    }

    String destination() {
        return destination;
    }

    String body() {
        return body;
    }

    String properties() {
        return properties;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
