package org.activerecorder.interfaces.web;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Recordings page's form: what each field searches for, the sentences for those that cannot be read, paging. */
class RecordingFilterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void everyFieldGivenIsPartOfTheSearch() {
        RecordingFilter filter = new RecordingFilter(Map.of("dn", "1001", "agent", " agent7 ", "ani", "5551234",
                "dnis", "8005550100", "from", "2026-12-01T09:30", "to", "2026-12-01T10:00:00Z", "key", "Case",
                "value", "C-77", "state", "COMPLETED")::get, PARIS);

        assertEquals(List.of(), filter.problems());
        assertEquals(new RecordingSearch(null, new Dn("1001"), "agent7", Instant.parse("2026-12-01T08:30:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), "Case", "C-77", "5551234", "8005550100",
                RecordingState.COMPLETED), filter.search(), "a local time is read in the zone; an instant as it is");
        assertEquals("agent7", filter.get("agent"), "shown again trimmed");
    }

    @Test
    void blankFieldsAreNotSearchedFor() {
        RecordingFilter filter = new RecordingFilter(Map.of("dn", "", "key", "  ", "state", "")::get, PARIS);

        assertEquals(RecordingSearch.ALL, filter.search());
        assertEquals("", filter.query(0));
        assertEquals("", filter.get("dn"));
    }

    @Test
    void fieldsThatCannotBeReadAreNamedAndNothingIsSearched() {
        RecordingFilter filter = new RecordingFilter(Map.of("dn", "10 01", "from", "yesterday", "value", "gold",
                "state", "LOST")::get, PARIS);

        List<String> problems = filter.problems();
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("DN: '10 01'"), problems::toString);
        assertTrue(problems.get(1).startsWith("From: 'yesterday' is not a time"), problems::toString);
        assertTrue(problems.get(2).startsWith("State: 'LOST'"), problems::toString);
        assertTrue(problems.get(3).startsWith("Value: "), problems::toString);
        assertEquals(RecordingSearch.ALL, filter.search(), "a search the person did not ask for is never run");
    }

    @Test
    void fromMustBeBeforeTo() {
        RecordingFilter filter = new RecordingFilter(Map.of("from", "2026-12-01T10:00", "to",
                "2026-12-01T10:00")::get, PARIS);

        assertEquals(List.of("From must be before To"), filter.problems());
    }

    @Test
    void aPagesQueryKeepsTheSearchEncoded() {
        RecordingFilter filter = new RecordingFilter(Map.of("key", "Case Id", "value", "a&b=c", "dn", "1001")::get,
                PARIS);

        assertEquals("dn=1001&key=Case+Id&value=a%26b%3Dc", filter.query(0));
        assertEquals("dn=1001&key=Case+Id&value=a%26b%3Dc&page=2", filter.query(2));
    }
}
