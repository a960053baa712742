package org.activerecorder.sip.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads one JAIN-SIP stack starts, recorded so that they can be ended for sure when it stops.
 *
 * <p>Why: in jain-sip-ri 1.3.0-91, {@code SipStack.stop()} sets a flag on the event scanner but leaves
 * its thread ({@code EventScannerThread}, not a daemon) blocked on an empty queue for ever; it would hold
 * the undeploy and the WAR's class loader. JAIN-SIP creates its threads with {@code new Thread(...)}, so
 * they join the thread group of whoever creates them: the stack is created and started on a short-lived
 * thread of a group of our own, the group's threads are recorded when the start returns, and after
 * {@code stop()} those that are still alive are interrupted and waited for.
 *
 * <p>Only non-daemon threads recorded at start are touched. Threads created later by JAIN-SIP's threads,
 * such as an executor's workers started lazily from the event thread, also land in the group but are not
 * ours to interrupt. Daemon threads (message processors) end with {@code stop()} by themselves, may still
 * be finishing a packet, and cannot hold an undeploy; interrupting them would only log errors.
 */
final class StackThreads {

    private final ThreadGroup group;
    private volatile List<Thread> started = List.of();

    StackThreads(String name) {
        this.group = new ThreadGroup(name);
    }

    /** Runs the work on a new thread of the group, waits for it, and records the threads it left running. */
    <T> T callInGroup(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread starter = new Thread(group, () -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                started = threadsInGroup();
            }
        }, group.getName() + "-starter");
        starter.start();
        starter.join();
        started = started.stream().filter(thread -> thread != starter).toList();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private List<Thread> threadsInGroup() {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int count = group.enumerate(threads, true);
        return Arrays.asList(Arrays.copyOf(threads, count));
    }

    /**
     * Interrupts the recorded non-daemon threads that are still alive and waits for them, at most
     * {@code patience}.
     *
     * @return the names of threads that did not end
     */
    List<String> endAll(Duration patience) throws InterruptedException {
        List<Thread> alive = started.stream().filter(Thread::isAlive).filter(thread -> !thread.isDaemon()).toList();
        alive.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> survivors = new ArrayList<>();
        for (Thread thread : alive) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                survivors.add(thread.getName());
            }
        }
        return survivors;
    }
}
