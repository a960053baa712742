package org.activerecorder.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The messages a class's {@code java.util.logging} logger publishes while a test looks, down to a level the tests'
 * logging configuration hides (it shows warnings only): attached by {@link #of}, detached, with the logger's level
 * restored, by {@link #close}.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        logger.setLevel(level);
        logger.addHandler(this);
    }

    /** Captures what the logger named after {@code owner} publishes at {@code level} or above from now on. */
    public static LogCapture of(Class<?> owner, Level level) {
        return new LogCapture(Logger.getLogger(owner.getName()), level);
    }

    /** The messages so far, unformatted, in the order they were published. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getMessage());
    }

    @Override
    public void flush() {
        // kept in memory: nothing to flush
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
