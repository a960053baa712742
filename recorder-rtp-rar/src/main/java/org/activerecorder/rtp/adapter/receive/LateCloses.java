package org.activerecorder.rtp.adapter.receive;

import java.util.Locale;

/**
 * Closes handed to the receive loops without waiting ({@link RtpReceiver#closeLater}) that took longer than their
 * wait, told as one burst instead of a line each: when a thousand calls end within seconds of a fresh start, the file
 * closers fall behind and every close after the first few takes longer than the wait, and series BO's first warm-up
 * logged 1,219 warnings, each with the stack trace of a timeout, for closes that all finished. The first late close of
 * a burst is a warning that says closes are behind; the burst's end (its last late close done) is a warning that
 * says how many were late, how late the slowest was, and how many failed. A close that failed is still logged by the
 * caller, one by one, with its cause. Thread-safe: closes finish on the loops' and the file closers' threads.
 */
final class LateCloses {

    private int late;
    private int inBurst;
    private int failed;
    private long slowestNanos;

    /**
     * A close outlived its wait: the burst's first line to log, or {@code null} while the burst is already told.
     *
     * @param streamId    the stream whose close is late
     * @param waitSeconds the wait it outlived
     */
    synchronized String outlived(String streamId, long waitSeconds) {
        late++;
        if (inBurst++ > 0) {
            return null;
        }
        return "stream " + streamId + " was not closed within " + waitSeconds + " s: closes are behind (the file"
                + " closers' queue); closes later than that are counted, and summed up once they are all done";
    }

    /**
     * A late close finished, {@code tookNanos} after it was asked for, {@code ok} or not: the burst's last line to
     * log once none is outstanding, or {@code null}.
     */
    synchronized String finished(long tookNanos, boolean ok) {
        slowestNanos = Math.max(slowestNanos, tookNanos);
        if (!ok) {
            failed++;
        }
        if (--inBurst > 0) {
            return null;
        }
        String text = String.format(Locale.ROOT, "%d stream closes were late, the slowest done %.1f s after it was"
                + " asked for%s; none is late now", late, slowestNanos / 1e9,
                failed == 0 ? ", every one of them done" : ", " + failed + " of them failed (logged each)");
        late = 0;
        failed = 0;
        slowestNanos = 0;
        return text;
    }
}
