package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;

/**
 * The process has no file descriptor left (EMFILE, or ENFILE for the whole host): no socket and no file can be
 * opened, whatever the port. Told apart from "port taken" so that an open is refused at once with the reason an
 * operator can act on (the open-files limit), instead of after a walk over the whole range that blames the ports.
 */
final class DescriptorsExhausted extends IOException {

    private static final long serialVersionUID = 1L;

    /** What the JDK's message says for both EMFILE and ENFILE ("Too many open files in system"). */
    private static final String STRERROR = "Too many open files";

    DescriptorsExhausted(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure}, or one of its causes, says the descriptors ran out. The JDK gives no errno, only
     * {@code strerror}'s text in the message, so the text is what can be read.
     */
    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(STRERROR)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
