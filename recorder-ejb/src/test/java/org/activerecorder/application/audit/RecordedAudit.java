package org.activerecorder.application.audit;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.ChainVerification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An audit trail that keeps what it is told, for tests that check a service audits what it does. */
public final class RecordedAudit implements AuditTrail {

    /** One thing recorded; {@code user} is "caller" or "system". */
    public record Entry(String user, AuditAction action, AuditTarget target, String detail) {
    }

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    public final List<Entry> entries = new ArrayList<>();

    @Override
    public void record(AuditAction action, AuditTarget target, String detail) {
        entries.add(new Entry("caller", action, target, detail));
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
        record(AuditAction.AUDIO_DOWNLOADED, AuditTarget.recording(recordingId), null);
    }

    @Override
    public void recordBySystem(AuditAction action, AuditTarget target, String detail) {
        entries.add(new Entry("system", action, target, detail));
    }

    @Override
    public void recordBySystemFor(String address, AuditAction action, AuditTarget target, String detail) {
        entries.add(new Entry("system", action, target, detail));
    }

    @Override
    public AuditEntries search(AuditSearch search) {
        throw new UnsupportedOperationException("not read in these tests");
    }

    @Override
    public ChainVerification verifyChain() {
        throw new UnsupportedOperationException("not verified in these tests");
    }
}
