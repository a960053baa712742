package org.activerecorder.application.audit;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditChainCheck;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.security.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The audit trail over the {@link AuditLog}. Writing is open to every caller (each writes only their own name);
 * reading needs admin or auditor. An unauthenticated caller (a timer, a message-driven bean) is written as
 * {@code system}.
 */
@Stateless
@SecurityDomain("recorder")
@PermitAll
public class AuditTrailService implements AuditTrail {

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @Inject
    private AuditLog log;

    @Inject
    private RecordingRepository recordings;

    @Inject
    private AuditOrigin origin;

    @Resource
    private SessionContext context;

    private Clock clock = Clock.systemUTC();
    private Supplier<String> caller = this::callerName;
    private Supplier<String> address = this::requestAddress;

    /** For the container. */
    public AuditTrailService() {
    }

    /** Over this log and these recordings, the caller and address given: for tests. */
    AuditTrailService(AuditLog log, RecordingRepository recordings, Clock clock, Supplier<String> caller,
                      Supplier<String> address) {
        this.log = log;
        this.recordings = recordings;
        this.clock = clock;
        this.caller = caller;
        this.address = address;
    }

    @Override
    public void record(AuditAction action, AuditTarget target, String detail) {
        log.append(new AuditEntry(clock.instant(), caller.get(), address.get(), action, target, detail));
    }

    @Override
    public void changed(AuditAction action, AuditTarget target, Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        record(action, target, JSON.toJson(change));
    }

    @Override
    public void audioDownloaded(long recordingId) {
        Recording recording = recordings.find(recordingId).orElse(null);
        String detail = "sha256 unknown";
        if (recording != null && recording.sha256() != null) {
            detail = "sha256 " + recording.sha256();
        } else if (recording != null && recording.audioSha256() != null) {
            detail = "audio data sha256 " + recording.audioSha256() + " (the file's is not taken yet)";
        }
        record(AuditAction.AUDIO_DOWNLOADED, AuditTarget.recording(recordingId), detail);
    }

    @Override
    public void recordBySystem(AuditAction action, AuditTarget target, String detail) {
        log.append(new AuditEntry(clock.instant(), AuditEntry.SYSTEM, null, action, target, detail));
    }

    @Override
    public void recordBySystemFor(String address, AuditAction action, AuditTarget target, String detail) {
        log.append(new AuditEntry(clock.instant(), AuditEntry.SYSTEM, address, action, target, detail));
    }

    @Override
    @RolesAllowed({"admin", "auditor"})
    public AuditEntries search(AuditSearch search) throws UnknownAuditEntry {
        List<AuditEntry> page = log.search(search);
        return new AuditEntries(page.stream().map(AuditEntryView::of).toList(), olderBefore(search, page));
    }

    @Override
    @RolesAllowed({"admin", "auditor"})
    public ChainVerification verifyChain() {
        return new AuditChainCheck(log).verify();
    }

    /**
     * The cursor of the page after {@code page}, or null when nothing older matches. A full page is not proof of more:
     * the next entry is looked for (one row by the same index), so the last page never links to an empty one.
     */
    private Long olderBefore(AuditSearch search, List<AuditEntry> page) throws UnknownAuditEntry {
        if (page.size() < search.limit()) {
            return null;
        }
        long last = page.get(page.size() - 1).id();
        return log.search(search.olderThan(last, 1)).isEmpty() ? null : last;
    }

    private String callerName() {
        Principal principal = context.getCallerPrincipal();
        String name = principal == null ? null : principal.getName();
        return name == null || name.isEmpty() || "anonymous".equals(name) ? AuditEntry.SYSTEM : name;
    }

    private String requestAddress() {
        try {
            return origin.address();
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }
}
