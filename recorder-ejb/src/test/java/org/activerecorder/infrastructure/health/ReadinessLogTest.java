package org.activerecorder.infrastructure.health;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A check that fails on every probe is logged once when it goes down and once when it is back, and its data names
 * only the innermost cause's type (its message may carry a host or a path).
 */
class ReadinessLogTest {

    @Test
    void onlyTheChangesAreLogged() {
        List<LogRecord> records = new ArrayList<>();
        Logger logger = Logger.getLogger(ReadinessLog.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            ReadinessLog log = new ReadinessLog("recorder-database");
            log.up();
            log.down("no answer", new IOException("first"));
            log.down("no answer", new IOException("second"));
            log.down("no answer", new IOException("third"));
            log.up();
            log.up();
        } finally {
            logger.removeHandler(handler);
        }

        assertEquals(List.of(Level.WARNING, Level.INFO), records.stream().map(LogRecord::getLevel).toList());
        assertEquals("first", records.get(0).getThrown().getMessage(), "the cause of the change, logged whole");
    }

    @Test
    void theDataNamesTheInnermostCausesTypeOnly() {
        Exception failure = new IllegalStateException("pool RecorderDS",
                new RuntimeException("wrapped", new ConnectException("Connection refused: db.internal:5432")));

        assertEquals("java.net.ConnectException", ReadinessLog.causeType(failure));
        assertEquals("java.io.IOException", ReadinessLog.causeType(new IOException("/var/lib/recorder")));
    }
}
