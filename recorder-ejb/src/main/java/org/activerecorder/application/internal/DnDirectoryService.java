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
    public DnView create(DnSettings settings) throws ConfigurationRefused {
        valid(settings);
        Dn dn = new Dn(settings.dn());
        if (dns.find(dn).isPresent()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.DUPLICATE, "DN " + dn
                    + " is configured already: change it with PUT /api/dns/" + dn);
        }
        DnConfiguration configuration = new DnConfiguration(settings, clock.instant());
        dns.add(configuration);
        LOG.info(() -> "DN " + dn + " configured: " + configuration.type().jsonName() + ", always recorded "
                + configuration.alwaysRecorded());
        DnView created = view(configuration);
        audit.changed(AuditAction.DN_CREATED, AuditTarget.dn(dn.value()), null, created);
        return created;
    }

    @Override
    @RolesAllowed("admin")
    public DnView update(Dn dn, DnSettings settings) throws ConfigurationRefused {
        DnConfiguration configuration = existing(dn);
        DnView before = view(configuration);
        valid(settings);
        if (!settings.dn().equals(dn.value())) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, "the body names DN " + settings.dn()
                    + ", the path DN " + dn + ": a DN is not renamed, delete it and create the other");
        }
        configuration.update(settings, clock.instant());
        LOG.info(() -> "DN " + dn + " reconfigured: " + configuration.type().jsonName() + ", always recorded "
                + configuration.alwaysRecorded());
        DnView after = view(configuration);
        audit.changed(AuditAction.DN_CHANGED, AuditTarget.dn(dn.value()), before, after);
        return after;
    }

    @Override
    @RolesAllowed("admin")
    public void delete(Dn dn) throws ConfigurationRefused {
        DnConfiguration configuration = existing(dn);
        dns.remove(configuration);
        audit.changed(AuditAction.DN_DELETED, AuditTarget.dn(dn.value()), view(configuration), null);
        LOG.info(() -> "DN " + dn + " no longer configured");
    }

    private DnConfiguration existing(Dn dn) throws ConfigurationRefused {
        return dns.find(dn).orElseThrow(() -> new ConfigurationRefused(ConfigurationRefused.Reason.UNKNOWN,
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
                d.updatedAt());
    }
}
