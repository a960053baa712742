package org.activerecorder.domain.model.dn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.activerecorder.domain.model.Dn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One DN the recorder is told about: what it is, and whether every call on it is recorded. The DN itself is the
 * identity (kept as text: JPA applies no converter to an id). Its version counts its saves, from 1, so that a change
 * can say which one it was based on; it is the domain's, not JPA's {@code @Version}, because the change's check reads
 * it under a row lock and the answer must show the new number before the transaction flushes.
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

    /** Who saved the current settings; {@code null} for a DN last saved before this was kept (V19). */
    @Column(name = "updated_by", length = 64)
    private String updatedBy;

    @Column(name = "version", nullable = false)
    private long version;

    protected DnConfiguration() {
        // for JPA
    }

    /** Version 1, saved by nobody named. @throws IllegalArgumentException naming every problem of the settings */
    public DnConfiguration(DnSettings settings, Instant at) {
        this(settings, at, null);
    }

    /** Version 1, saved by {@code by}. @throws IllegalArgumentException naming every problem of the settings */
    public DnConfiguration(DnSettings settings, Instant at, String by) {
        this.dn = valid(settings).dn();
        apply(settings, at, by);
    }

    /** Takes new settings for the same DN: the next version. */
    public void update(DnSettings settings, Instant at, String by) {
        valid(settings);
        if (!settings.dn().equals(dn)) {
            throw new IllegalArgumentException("the configuration of DN " + dn + " cannot become DN " + settings.dn());
        }
        apply(settings, at, by);
    }

    private void apply(DnSettings settings, Instant at, String by) {
        this.type = settings.dnType();
        this.alwaysRecorded = Boolean.TRUE.equals(settings.alwaysRecorded());
        this.description = settings.description();
        this.retentionDays = settings.retentionDays();
        this.updatedAt = Objects.requireNonNull(at, "at");
        this.updatedBy = by;
        this.version++;
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

    public String updatedBy() {
        return updatedBy;
    }

    /** How many times it was saved: 1 when created. */
    public long version() {
        return version;
    }
}
