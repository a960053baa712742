package org.activerecorder.interfaces.web;

import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Audit log page's filter: what each field asks for, the sentences for those that cannot be read, paging. */
class AuditFilterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void everyFieldGivenIsPartOfTheFilter() {
        AuditFilter filter = new AuditFilter(Map.of("user", " alice ", "recordingId", "42", "from", "2026-12-01T09:30",
                "to", "2026-12-01T10:00:00Z")::get, PARIS);

        assertEquals(List.of(), filter.problems());
        assertEquals("alice", filter.user());
        assertEquals(AuditTarget.recording(42), filter.recording());
        assertEquals(Instant.parse("2026-12-01T08:30:00Z"), filter.from(), "a local time is read in the zone");
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), filter.to(), "an instant as it is");
        assertEquals("alice", filter.get("user"), "the form shows what was typed, trimmed");
    }

    @Test
    void blankFieldsAskForEverything() {
        AuditFilter filter = new AuditFilter(Map.of("user", " ", "recordingId", "")::get, PARIS);

        assertEquals(List.of(), filter.problems());
        assertNull(filter.user());
        assertNull(filter.recording());
        assertNull(filter.from());
        assertEquals("", filter.query(null));
        assertNull(filter.search(25).before(), "the newest page");
    }

    @Test
    void eachFieldThatCannotBeReadHasItsSentence() {
        AuditFilter filter = new AuditFilter(Map.of("recordingId", "-3", "from", "yesterday")::get, PARIS);

        assertEquals(List.of("Recording: '-3' is not a recording's number",
                "From: 'yesterday' is not a time such as 2026-12-01T09:30"), filter.problems());
        assertEquals(List.of("From must be before To"), new AuditFilter(Map.of("from", "2026-12-01T10:00:00Z",
                "to", "2026-12-01T09:00:00Z")::get, PARIS).problems());
    }

    @Test
    void aPageOfTheSameFilterKeepsItsFieldsAndNamesItsCursor() {
        AuditFilter filter = new AuditFilter(Map.of("user", "bob smith", "recordingId", "7", "before", "880")::get,
                PARIS);

        assertEquals(List.of(), filter.problems());
        assertEquals(new AuditSearch("bob smith", AuditTarget.recording(7), null, null, 880L, 25), filter.search(25));
        assertEquals("user=bob+smith&recordingId=7&before=855", filter.query(855L), "the older page's address");
        assertEquals("user=bob+smith&recordingId=7", filter.query(null), "the newest page's address");
    }

    @Test
    void aCursorThatIsNoIdIsAProblemNotAnError() {
        for (String cursor : List.of("abc", "0", "-5", "12.5", "99999999999999999999")) {
            AuditFilter filter = new AuditFilter(Map.of("before", cursor)::get, PARIS);
            assertEquals(List.of("This page's address names no page of the log (before=" + cursor + "): start again"
                    + " from the newest entries"), filter.problems(), cursor);
            assertNull(filter.before());
        }
    }
}
