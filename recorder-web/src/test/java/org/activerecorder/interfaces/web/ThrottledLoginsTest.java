package org.activerecorder.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThrottledLoginsTest {

    @Test
    void aTriedNameCannotBreakALogLine() {
        assertEquals("admin?2026-12-01 INFO forged?", ThrottledLogins.printable("admin\n2026-12-01 INFO forged\r"));
        assertEquals("jörg.o'neil@example", ThrottledLogins.printable("jörg.o'neil@example"));
    }
}
