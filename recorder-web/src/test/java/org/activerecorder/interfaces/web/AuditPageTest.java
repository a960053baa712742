package org.activerecorder.interfaces.web;

import org.activerecorder.domain.model.audit.AuditSearch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Audit log page's paging over a log search that has no offset: each page reads the newest entries to its end. */
class AuditPageTest {

    private static final List<Integer> SIXTY = IntStream.range(0, 60).boxed().toList();

    @Test
    void eachPageShowsItsEntriesAndKnowsWhetherAnOlderOneExists() {
        assertEquals(26, AuditPage.readFor(0), "a page and one more");
        assertEquals(SIXTY.subList(0, 25), AuditPage.pageOf(SIXTY.subList(0, 26), 0));
        assertTrue(AuditPage.hasOlder(0, 26));
        assertEquals(SIXTY.subList(25, 50), AuditPage.pageOf(SIXTY.subList(0, 51), 1));
        assertEquals(SIXTY.subList(50, 60), AuditPage.pageOf(SIXTY, 2), "the last page is short");
        assertFalse(AuditPage.hasOlder(2, 60));
        assertFalse(AuditPage.hasOlder(0, 25), "exactly a page: nothing older");
    }

    @Test
    void aPagePastTheEntriesIsEmptyAndTheReadStaysWithinTheLogsLimit() {
        assertEquals(List.of(), AuditPage.pageOf(SIXTY, 5));
        int last = AuditSearch.MAX_LIMIT / AuditPage.PAGE_SIZE - 1;
        assertEquals(AuditSearch.MAX_LIMIT, AuditPage.readFor(last));
        assertFalse(AuditPage.hasOlder(last, AuditSearch.MAX_LIMIT), "paging reaches back as far as a search reads");
    }
}
