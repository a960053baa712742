package org.activerecorder.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import org.activerecorder.sip.admission.SipCounters;

import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A running JAIN-SIP stack: its listening points (one per configured transport, all on the configured
 * address and port, nothing else), one provider, one listener. Plain Java, so tests start it without a
 * container; in WildFly {@code SipServiceLifecycle} starts and stops it with the application.
 *
 * <p>The stack is created with {@code new SipStackImpl(...)}, not {@code SipFactory}: the factory keeps
 * every stack it made in a static map for ever, so a stopped stack would be handed out again on restart
 * and never collected.
 *
 * <p>{@link #stop()} must run when the application stops: JAIN-SIP's timer and event threads are not
 * daemons, and an undeploy would wait for them for ever. It also ends the event thread that JAIN-SIP's
 * own stop leaves behind (see {@link StackThreads}).
 */
public final class SipEndpoint {

    private static final int STOP_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(SipEndpoint.class.getName());
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

    private final SipSettings settings;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final List<ListeningPoint> listeningPoints;
    private final StackThreads threads;

    private SipEndpoint(SipSettings settings, Started started, StackThreads threads) {
        this.settings = settings;
        this.stack = started.stack;
        this.provider = started.provider;
        this.listeningPoints = List.copyOf(started.points);
        this.threads = threads;
    }

    /** What the start-up thread hands back. */
    private record Started(SipStackImpl stack, SipProvider provider, List<ListeningPoint> points) {
    }

    /**
     * Starts a stack listening as configured, delivering every event to the listener.
     *
     * @param stackProperties JAIN-SIP properties, {@link StackProperties#forStack} plus any tuning
     * @throws SipStartFailure when a port cannot be bound or the stack refuses the configuration; no
     *                         thread or socket of the stack is left behind
     */
    public static SipEndpoint start(SipSettings settings, Properties stackProperties, SipListener listener)
            throws SipStartFailure {
        return start(settings, stackProperties, listener, new SipCounters());
    }

    /**
     * The same, counting the messages the parser guard drops ({@link GuardedMessageParserFactory}, when the
     * properties name it) in {@code counters}.
     */
    public static SipEndpoint start(SipSettings settings, Properties stackProperties, SipListener listener,
                                    SipCounters counters) throws SipStartFailure {
        Objects.requireNonNull(listener, "listener");
        String name = stackProperties.getProperty("javax.sip.STACK_NAME", "sip");
        GuardedMessageParserFactory.register(name, counters);
        StackThreads threads = new StackThreads("jain-sip-" + name);
        List<SipStackImpl> created = new ArrayList<>(1);
        String[] where = {"the JAIN-SIP stack"};
        try {
            Started started = threads.callInGroup(() -> {
                SipStackImpl stack = new SipStackImpl(stackProperties);
                created.add(stack);
                List<ListeningPoint> points = new ArrayList<>();
                SipProvider provider = null;
                for (String transport : settings.transports()) {
                    where[0] = transport + " " + settings.bindAddress().getHostAddress() + ":" + settings.port();
                    ListeningPoint point = stack.createListeningPoint(settings.bindAddress().getHostAddress(),
                            settings.port(), transport);
                    points.add(point);
                    if (provider == null) {
                        provider = stack.createSipProvider(point);
                    } else {
                        provider.addListeningPoint(point);
                    }
                }
                provider.addSipListener(listener);
                stack.start();
                return new Started(stack, provider, points);
            });
            LOG.info(() -> "SIP listening: " + settings);
            return new SipEndpoint(settings, started, threads);
        } catch (Exception | LinkageError failure) {
            created.forEach(SipStackImpl::stop);
            endThreads(threads);
            GuardedMessageParserFactory.unregister(name);
            throw new SipStartFailure("cannot start " + where[0] + ": " + rootMessage(failure), failure);
        }
    }

    public SipSettings settings() {
        return settings;
    }

    public SipProvider provider() {
        return provider;
    }

    public List<ListeningPoint> listeningPoints() {
        return listeningPoints;
    }

    /**
     * Stops the stack: closes its sockets and ends its threads. Transactions in flight are dropped;
     * the Media Server will see its requests time out.
     */
    public void stop() {
        stopStack();
        endThreads(threads);
        GuardedMessageParserFactory.unregister(stack.getStackName());
        LOG.info(() -> "SIP stopped listening: " + settings);
    }

    /**
     * JAIN-SIP 1.3.0-91 stops its UDP message processor by walking the list its message threads add themselves to
     * as they start: a stop that comes while a thread is still starting (an undeploy right after a deploy; seen in
     * a test) throws ConcurrentModificationException half way, or NullPointerException when its thread has not even
     * made that list yet (it does so first thing in its run()). The threads register within milliseconds, so the
     * stop is tried again, a few times, before giving up with the error logged.
     */
    private void stopStack() {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (java.util.ConcurrentModificationException | NullPointerException starting) {
                if (attempt == STOP_ATTEMPTS) {
                    LOG.log(java.util.logging.Level.SEVERE, "JAIN-SIP did not stop after " + attempt + " attempts",
                            starting);
                    return;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void endThreads(StackThreads threads) {
        try {
            List<String> survivors = threads.endAll(STOP_PATIENCE);
            if (!survivors.isEmpty()) {
                LOG.warning(() -> "JAIN-SIP threads still running after stop: " + survivors);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
