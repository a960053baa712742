package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DnDirectory;
import org.activerecorder.application.rules.DnView;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnConfigurationRepository;
import org.activerecorder.domain.model.dn.DnSettings;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** The DN configuration, read by people who may see the recorder's settings and changed by administrators. */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor", "auditor"})
public class DnDirectoryService implements DnDirectory {

    private static final Logger LOG = Logger.getLogger(DnDirectoryService.class.getName());

    @Inject
    private DnConfigurationRepository dns;

    @Inject
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /** For the container. */
    public DnDirectoryService() {
    }

    /** Over this repository and clock: for tests. */
    DnDirectoryService(DnConfigurationRepository dns, Clock clock, AuditTrail audit) {
        this.dns = dns;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<DnView> all() {
        return dns.all().stream().map(DnDirectoryService::view).toList();
    }

    @Override
    public Optional<DnView> find(Dn dn) {
        return dns.find(dn).map(DnDirectoryService::view);
    }

    @Override
    @RolesAllowed("admin")
    public DnView create(DnSettings settings, String by) throws ConfigurationRefused {
        valid(settings);
        Dn dn = new Dn(settings.dn());
        if (dns.find(dn).isPresent()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.DUPLICATE, "DN " + dn
                    + " is configured already: change it with PUT /api/dns/" + dn);
        }
        DnConfiguration configuration = new DnConfiguration(settings, clock.instant(), by);
        dns.add(configuration);
        LOG.info(() -> "DN " + dn + " configured: " + configuration.type().jsonName() + ", always recorded "
                + configuration.alwaysRecorded());
        DnView created = view(configuration);
        audit.changed(AuditAction.DN_CREATED, AuditTarget.dn(dn.value()), null, created);
        return created;
    }

    @Override
    @RolesAllowed("admin")
    public DnView update(Dn dn, DnSettings settings, Long seen, String by) throws ConfigurationRefused {
        DnConfiguration configuration = locked(dn);
        atSeenVersion(configuration, seen, "changed");
        DnView before = view(configuration);
        valid(settings);
        if (!settings.dn().equals(dn.value())) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, "the body names DN " + settings.dn()
                    + ", the path DN " + dn + ": a DN is not renamed, delete it and create the other");
        }
        configuration.update(settings, clock.instant(), by);
        LOG.info(() -> "DN " + dn + " reconfigured by " + by + " (version " + configuration.version() + "): "
                + configuration.type().jsonName() + ", always recorded " + configuration.alwaysRecorded());
        DnView after = view(configuration);
        audit.changed(AuditAction.DN_CHANGED, AuditTarget.dn(dn.value()), before, after);
        return after;
    }

    @Override
    @RolesAllowed("admin")
    public void delete(Dn dn, Long seen) throws ConfigurationRefused {
        DnConfiguration configuration = locked(dn);
        atSeenVersion(configuration, seen, "removed");
        dns.remove(configuration);
        audit.changed(AuditAction.DN_DELETED, AuditTarget.dn(dn.value()), view(configuration), null);
        LOG.info(() -> "DN " + dn + " no longer configured");
    }

    /**
     * Refuses a change based on a version other than the current one (the DN is locked, so nothing can move it on
     * between this check and the save); {@code seen == null} asks for no check.
     */
    private static void atSeenVersion(DnConfiguration configuration, Long seen, String change)
            throws ConfigurationRefused {
        if (seen == null || seen == configuration.version()) {
            return;
        }
        String message = "DN " + configuration.dn() + " is at version " + configuration.version() + " (saved at "
                + configuration.updatedAt() + (configuration.updatedBy() == null ? "" : " by "
                + configuration.updatedBy()) + "), not " + seen + ", so it was not " + change
                + ": read it again and decide again";
        LOG.info(() -> "DN " + configuration.dn() + " not " + change + ": the change was based on version " + seen
                + ", the DN is at version " + configuration.version());
        throw ConfigurationRefused.stale(message, new ConfigurationRefused.Current(configuration.version(),
                configuration.updatedAt(), configuration.updatedBy()));
    }

    private DnConfiguration locked(Dn dn) throws ConfigurationRefused {
        return dns.lock(dn).orElseThrow(() -> new ConfigurationRefused(ConfigurationRefused.Reason.UNKNOWN,
                "DN " + dn + " is not configured"));
    }

    private static void valid(DnSettings settings) throws ConfigurationRefused {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, String.join("; ", problems), problems);
        }
    }

    static DnView view(DnConfiguration d) {
        return new DnView(d.dn().value(), d.type().jsonName(), d.alwaysRecorded(), d.description(), d.retentionDays(),
                d.updatedAt(), d.version(), d.updatedBy());
    }
}
