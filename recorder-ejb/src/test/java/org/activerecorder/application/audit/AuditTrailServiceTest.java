package org.activerecorder.application.audit;

import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the audit trail writes: the caller and the request's address, a change as {@code {"from":..,"to":..}} with
 * nulls kept, and {@code system} with no address for what the recorder does itself.
 */
class AuditTrailServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final List<AuditEntry> appended = new ArrayList<>();
    private final AuditLog log = new AuditLog() {
        @Override
        public void append(AuditEntry entry) {
            appended.add(entry);
        }

        @Override
        public List<AuditEntry> search(AuditSearch search) {
            return List.copyOf(appended);
        }
    };

    @Test
    void theCallerTheAddressAndTheChangeAreWritten() {
        AuditTrailService trail = new AuditTrailService(log, null, Clock.fixed(T0, ZoneOffset.UTC), () -> "alice",
                () -> "10.0.0.7");

        trail.changed(AuditAction.DN_CREATED, AuditTarget.dn("1001"), null, Map.of("dn", "1001"));
        trail.recordBySystem(AuditAction.RECORDING_PURGED, AuditTarget.recording(7), "file gone");

        AuditEntry created = appended.get(0);
        assertEquals(List.of(T0, "alice", "10.0.0.7", AuditAction.DN_CREATED, AuditTarget.dn("1001"),
                        "{\"from\":null,\"to\":{\"dn\":\"1001\"}}"),
                List.of(created.occurredAt(), created.username(), created.address().orElseThrow(), created.action(),
                        created.target().orElseThrow(), created.detail().orElseThrow()));
        AuditEntry purged = appended.get(1);
        assertEquals("system", purged.username());
        assertEquals(java.util.Optional.empty(), purged.address(), "no request: no address");
        assertEquals(AuditTarget.recording(7), purged.target().orElseThrow());
    }
}
