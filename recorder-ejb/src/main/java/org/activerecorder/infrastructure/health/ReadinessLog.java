package org.activerecorder.infrastructure.health;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a readiness check's changes, not its every answer: probes run every few seconds, so a database that is down
 * would otherwise fill the log. The check's data says only the cause's type (a message may carry a host or a path);
 * the one WARNING here carries the whole cause for whoever reads the server log.
 */
final class ReadinessLog {

    private static final Logger LOG = Logger.getLogger(ReadinessLog.class.getName());

    private final String check;
    private final AtomicBoolean up = new AtomicBoolean(true);

    ReadinessLog(String check) {
        this.check = check;
    }

    /** The check passed: logged when it had failed. */
    void up() {
        if (up.compareAndSet(false, true)) {
            LOG.info(() -> "readiness check " + check + " is UP again");
        }
    }

    /** The check failed for {@code cause}: logged when it had passed. */
    void down(String what, Throwable cause) {
        if (up.compareAndSet(true, false)) {
            LOG.log(Level.WARNING, "readiness check " + check + " is DOWN: " + what, cause);
        }
    }

    /** The name of the innermost cause's type: what a check's data may say about a failure. */
    static String causeType(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }
}
