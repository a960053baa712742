package org.activerecorder.interfaces.web;

import org.activerecorder.application.audit.AuditEntries;
import org.activerecorder.application.audit.AuditEntryView;
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

    private static AuditEntryView entry(long id, Instant at) {
        return new AuditEntryView(id, at, "alice", "10.0.0.7", "LOGIN", "user", "alice", null);
    }
}
