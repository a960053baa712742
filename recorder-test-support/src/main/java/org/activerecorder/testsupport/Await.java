package org.activerecorder.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for something observable to happen (a state in the API, a count reached), polling, instead of sleeping
 * a fixed time: the test goes on as soon as it holds, and fails with the last value seen when it never does.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    /**
     * Polls {@code probe} until its value satisfies {@code done}.
     *
     * @param what a description for the failure message ("recording of call X COMPLETED")
     * @return the first value that satisfied {@code done}
     * @throws AssertionError after {@code timeout}, naming the last value seen (or the probe's last failure)
     */
    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastFailure = null;
        while (true) {
            try {
                last = probe.call();
                lastFailure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (InterruptedException interrupted) {
                throw interrupted;
            } catch (Exception failure) {
                lastFailure = failure;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError timedOut = new AssertionError(what + ": not within " + timeout + "; last seen: "
                        + (lastFailure != null ? lastFailure : last));
                if (lastFailure != null) {
                    timedOut.initCause(lastFailure);
                }
                throw timedOut;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
