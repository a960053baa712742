package org.activerecorder.domain.model.call;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of a call's attached data and when it got that value (an event that repeats the same value does not move
 * the time).
 */
@Embeddable
public class UserDataValue {

    @Column(name = "data_value", nullable = false, length = CallUpdate.MAX_VALUE_LENGTH)
    private String text;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UserDataValue() {
        // for JPA
    }

    public UserDataValue(String text, Instant updatedAt) {
        this.text = Objects.requireNonNull(text, "text");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String text() {
        return text;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
