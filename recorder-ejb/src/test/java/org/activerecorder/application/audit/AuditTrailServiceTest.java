package org.activerecorder.application.audit;

import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditChainHead;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditLog;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            throw new UnsupportedOperationException("read in the paging tests, over an InMemoryAuditLog");
        }

        @Override
        public AuditChainHead chainHead() {
            throw new UnsupportedOperationException("the chain is walked over an InMemoryAuditLog");
        }

        @Override
        public List<AuditEntry> chained(long after, long upTo, int limit) {
            throw new UnsupportedOperationException("the chain is walked over an InMemoryAuditLog");
        }

        @Override
        public long unchainedCount() {
            throw new UnsupportedOperationException("the chain is walked over an InMemoryAuditLog");
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

    /**
     * A page says where the next one starts exactly when an older entry matches: not after the last page, even when
     * that page is full; and following the cursors reads every matching entry once, newest first.
     */
    @Test
    void aPageNamesTheNextOneOnlyWhenOlderEntriesMatch() throws UnknownAuditEntry {
        InMemoryAuditLog memory = new InMemoryAuditLog();
        AuditTrailService trail = new AuditTrailService(memory, null, Clock.fixed(T0, ZoneOffset.UTC), () -> "alice",
                () -> "10.0.0.7");
        for (int i = 0; i < 12; i++) {
            trail.record(AuditAction.LOGIN, AuditTarget.user("alice"), "login " + i);
        }
        trail.recordBySystem(AuditAction.RECORDING_PURGED, AuditTarget.recording(7), "file gone");

        AuditEntries first = trail.search(new AuditSearch("alice", null, null, null, 4));
        assertEquals(List.of(12L, 11L, 10L, 9L), ids(first), "one time for all: newest first by id");
        assertEquals(9L, first.olderBefore());
        AuditEntries second = trail.search(new AuditSearch("alice", null, null, null, 9L, 4));
        AuditEntries third = trail.search(new AuditSearch("alice", null, null, null, second.olderBefore(), 4));
        assertEquals(List.of(4L, 3L, 2L, 1L), ids(third));
        assertNull(third.olderBefore(), "a full last page names no next page");
        assertFalse(third.hasOlder());

        AuditEntries all = trail.search(new AuditSearch(null, null, null, null, 13));
        assertEquals(13, all.entries().size());
        assertNull(all.olderBefore());
        AuditEntries partial = trail.search(new AuditSearch("system", null, null, null, 4));
        assertEquals(List.of(13L), ids(partial));
        assertNull(partial.olderBefore());
        assertThrows(UnknownAuditEntry.class, () -> trail.search(new AuditSearch(null, null, null, null, 99L, 4)));
    }

    /** The trail's entries make a chain that verifies, and one whose detail is changed afterwards is named. */
    @Test
    void theTrailsEntriesVerifyUntilOneIsChanged() throws ReflectiveOperationException {
        InMemoryAuditLog memory = new InMemoryAuditLog();
        AuditTrailService trail = new AuditTrailService(memory, null, Clock.fixed(T0, ZoneOffset.UTC), () -> "alice",
                () -> "10.0.0.7");
        for (int i = 0; i < 12; i++) {
            trail.changed(AuditAction.RULE_CHANGED, AuditTarget.rule(i), i, i + 1);
        }

        ChainVerification intact = trail.verifyChain();
        assertNull(intact.firstBroken());
        assertEquals(12, intact.verified());

        Field detail = AuditEntry.class.getDeclaredField("detail");
        detail.setAccessible(true);
        detail.set(memory.entries.get(7), "{\"from\":7,\"to\":7}");
        ChainVerification broken = trail.verifyChain();
        assertEquals(7, broken.verified());
        assertEquals(8L, broken.firstBroken().position());
        assertEquals(8L, broken.firstBroken().id());
    }

    private static List<Long> ids(AuditEntries page) {
        return page.entries().stream().map(AuditEntryView::id).toList();
    }
}
