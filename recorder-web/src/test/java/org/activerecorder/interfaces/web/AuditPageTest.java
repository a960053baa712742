package org.activerecorder.interfaces.web;

import org.activerecorder.application.audit.AuditEntries;
import org.activerecorder.application.audit.AuditEntryView;
import org.activerecorder.domain.model.audit.ChainBreak;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sentence over the Audit log page's table: which entries it shows, from where, and whether they are the last. */
class AuditPageTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Function<Instant, String> TIME = Instant::toString;

    @Test
    void theNewestPageSaysSoAndHowFarBackItReaches() {
        AuditEntries page = new AuditEntries(List.of(entry(30, T0.plusSeconds(90)), entry(29, T0.plusSeconds(60)),
                entry(27, T0)), 27L);

        assertEquals("The newest 3 entries, 2026-12-01T09:01:30Z back to 2026-12-01T09:00:00Z.",
                AuditPage.range(null, page, TIME));
    }

    @Test
    void anOlderPageNamesItsCursorAndTheLastPageSaysItIsTheEnd() {
        AuditEntries last = new AuditEntries(List.of(entry(4, T0)), null);

        assertEquals("1 entry older than entry 27, 2026-12-01T09:00:00Z back to 2026-12-01T09:00:00Z (the oldest that"
                + " match).", AuditPage.range(27L, last, TIME));
        assertEquals("", AuditPage.range(27L, new AuditEntries(List.of(), null), TIME), "no entries: the table says so");
    }

    @Test
    void anIntactChainSaysHowManyEntriesHoldAndWhereItsHeadIs() {
        String hash = "3f".repeat(32);

        assertEquals("The chain holds: 1234 entries verified, from the genesis to the head (position 1234, hash " + hash
                        + "). 5 entries from before the chain are counted, not hashed.",
                AuditPage.chainResult(new ChainVerification(1234, null, new ChainVerification.Head(1234, hash, 5))));
        assertEquals("The chain holds: 1 entry verified, from the genesis to the head (position 1, hash " + hash + ").",
                AuditPage.chainResult(new ChainVerification(1, null, new ChainVerification.Head(1, hash, 0))));
    }

    @Test
    void aBrokenChainNamesThePositionTheEntryAndBothHashes() {
        ChainVerification changed = new ChainVerification(122, new ChainBreak(123L, 4567L, "aa", "bb",
                "entry 4567 is not what was written at position 123: changed, or put in"),
                new ChainVerification.Head(300, "cc", 0));
        ChainVerification outside = new ChainVerification(300, new ChainBreak(null, null, null, null,
                "1 entries are outside the chain, the head says 0 (from before it): one was deleted or added"),
                new ChainVerification.Head(300, "cc", 0));

        assertEquals("The chain is broken at position 123 (entry 4567): entry 4567 is not what was written at position"
                + " 123: changed, or put in. 122 entries before it verified; the head is at position 300. Expected hash"
                + " aa, found bb.", AuditPage.chainResult(changed));
        assertEquals("The chain is broken: 1 entries are outside the chain, the head says 0 (from before it): one was"
                + " deleted or added. 300 entries before it verified; the head is at position 300.",
                AuditPage.chainResult(outside));
    }

    private static AuditEntryView entry(long id, Instant at) {
        return new AuditEntryView(id, at, "alice", "10.0.0.7", "LOGIN", "user", "alice", null);
    }
}
