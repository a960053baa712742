package org.activerecorder.domain.model.setting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A setting's value as an administrator stored it, which wins over the server's configuration. Only values the
 * setting's own rule accepts are stored; who and when are kept beside it, the full history is in the audit log.
 */
@Entity
@Table(name = "recorder_setting")
public class StoredSetting {

    /** Characters of a value kept at most. */
    public static final int MAX_VALUE_LENGTH = 1024;

    @Id
    @Column(length = 128)
    private String name;

    @Column(name = "setting_value", nullable = false, length = MAX_VALUE_LENGTH)
    private String value;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false, length = 64)
    private String changedBy;

    protected StoredSetting() {
        // for JPA
    }

    public StoredSetting(String name, String value, Instant at, String by) {
        this.name = Objects.requireNonNull(name, "name");
        change(value, at, by);
    }

    /** A new value, stored by {@code by} at {@code at}. */
    public void change(String newValue, Instant at, String by) {
        this.value = Objects.requireNonNull(newValue, "value");
        this.changedAt = Objects.requireNonNull(at, "at");
        this.changedBy = Objects.requireNonNull(by, "by");
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }
}
