package org.activerecorder.domain.model.dn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.activerecorder.domain.model.Dn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DN the recorder is told about: what it is, and whether every call on it is recorded. The DN itself is the
 * identity (kept as text: JPA applies no converter to an id).
 */
@Entity
@Table(name = "dn_configuration")
public class DnConfiguration {

    @Id
    @Column(name = "dn", length = 64)
    private String dn;

    @Enumerated(EnumType.STRING)
    @Column(name = "dn_type", nullable = false, length = 32)
    private DnType type;

    @Column(name = "always_recorded", nullable = false)
    private boolean alwaysRecorded;

    @Column(name = "description", length = DnSettings.MAX_DESCRIPTION)
    private String description;

    @Column(name = "retention_days")
    private Integer retentionDays;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected DnConfiguration() {
        // for JPA
    }

    /** @throws IllegalArgumentException naming every problem of the settings */
    public DnConfiguration(DnSettings settings, Instant at) {
        this.dn = valid(settings).dn();
        apply(settings, at);
    }

    /** Takes new settings for the same DN. */
    public void update(DnSettings settings, Instant at) {
        valid(settings);
        if (!settings.dn().equals(dn)) {
            throw new IllegalArgumentException("the configuration of DN " + dn + " cannot become DN " + settings.dn());
        }
        apply(settings, at);
    }

    private void apply(DnSettings settings, Instant at) {
        this.type = settings.dnType();
        this.alwaysRecorded = Boolean.TRUE.equals(settings.alwaysRecorded());
        this.description = settings.description();
        this.retentionDays = settings.retentionDays();
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    private static DnSettings valid(DnSettings settings) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return settings;
    }

    public Dn dn() {
        return new Dn(dn);
    }

    public DnType type() {
        return type;
    }

    public boolean alwaysRecorded() {
        return alwaysRecorded;
    }

    public String description() {
        return description;
    }

    public Integer retentionDays() {
        return retentionDays;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
