package org.activerecorder.domain.model.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The chain's hash is the one docs/users.md defines, so that a verifier written elsewhere gets the same: the expected
 * values were computed with Python's hashlib from the documented form (4-byte big-endian lengths, -1 for a missing
 * field, the time to the microsecond, the previous hash as bytes), not with this code.
 */
class ChainHashTest {

    private static final String FIRST = "07e13de2b7982c89a72f5646faf2e7134407f67d1777d55ca1c026401fe929df";
    private static final String SECOND = "283cff17a296e064bb7cb89357d2900c170c7fa8410ca5cfb38807a0f3fdca3c";

    @Test
    void theHashIsTheDocumentedOneOverTheTimeToTheMicrosecond() {
        AuditEntry download = new AuditEntry(Instant.parse("2026-12-01T09:00:00.123456789Z"), "alice", "10.0.0.7",
                AuditAction.AUDIO_DOWNLOADED, AuditTarget.recording(42), "sha256 abc");
        AuditEntry login = new AuditEntry(Instant.parse("2026-12-01T09:00:01Z"), AuditEntry.SYSTEM, null,
                AuditAction.LOGIN, null, "Grüße, \"quoted\"");

        AuditChainHead head = new AuditChainHead(0, ChainHash.GENESIS, 0);
        head.link(download);
        head.link(login);

        assertEquals(Instant.parse("2026-12-01T09:00:00.123456Z"), download.occurredAt(), "what the database keeps");
        assertEquals(1, download.chainPosition());
        assertEquals(FIRST, download.chainHash().orElseThrow());
        assertEquals(2, login.chainPosition());
        assertEquals(SECOND, login.chainHash().orElseThrow(), "nulls as -1, UTF-8, after the first's hash");
        assertEquals(2, head.lastPosition());
        assertEquals(SECOND, head.lastHash());
    }

    @Test
    void aFieldsBoundaryCannotMoveWithoutChangingTheHash() {
        Instant at = Instant.parse("2026-12-01T09:00:00Z");
        AuditEntry one = new AuditEntry(at, "ab", "c", AuditAction.LOGIN, null, null);
        AuditEntry other = new AuditEntry(at, "a", "bc", AuditAction.LOGIN, null, null);

        assertNotEquals(ChainHash.after(ChainHash.GENESIS, 1, one), ChainHash.after(ChainHash.GENESIS, 1, other));
        assertNotEquals(ChainHash.after(ChainHash.GENESIS, 1, one), ChainHash.after(ChainHash.GENESIS, 2, one),
                "the position is in the hash");
    }

    @Test
    void anEntryIsLinkedOnce() {
        AuditEntry entry = new AuditEntry(Instant.parse("2026-12-01T09:00:00Z"), "alice", null, AuditAction.LOGIN,
                null, null);
        AuditChainHead head = new AuditChainHead(0, ChainHash.GENESIS, 0);
        head.link(entry);

        assertThrows(IllegalStateException.class, () -> head.link(entry));
        assertEquals(1, head.lastPosition(), "the head did not move for the refused link");
    }
}
