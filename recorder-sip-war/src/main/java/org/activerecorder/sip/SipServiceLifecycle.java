package org.activerecorder.sip;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.handler.SessionTimerPolicy;
import org.activerecorder.sip.handler.SessionTimers;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.SipStartFailure;
import org.activerecorder.sip.stack.StackProperties;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the SIP service when the application starts (CDI {@link Startup}) and stops it when the
 * application stops ({@link PreDestroy} of this application-scoped bean), so JAIN-SIP's non-daemon
 * threads never outlive the deployment.
 *
 * <p>When the stack cannot listen (port taken, address not on this host, bad {@code recorder.sip.*}
 * value) the failure is logged as one SEVERE entry that names the cause and the property to change, and
 * the application stays deployed without SIP: the REST API, the console and the recordings already made
 * stay available, and {@link #isListening()} tells a health check the truth. Failing the deployment
 * instead would take all of that down and bury the cause in a chain of deployment exceptions.
 *
 * <p>JAIN-SIP's event thread is not a container thread: work it hands to the managed executor must
 * carry the application's context, which an executor captures from the submitting thread. So the
 * executor is wrapped once, here on a container thread, in a contextual proxy that applies this
 * application's context to every submission.
 *
 * <p>The SIP counters (refusals, drops, session timers) are logged every recorder.sip.counters-log-seconds when
 * they changed, on the container's managed scheduled executor; the session timers (RFC 4028 expiries and the
 * recorder's refreshes) run on it too, never on a thread of their own. Their tasks only send SIP requests and hand
 * the streams' end to the contextual executor, so they need no context of their own.
 */
@ApplicationScoped
public class SipServiceLifecycle {

    private static final Logger LOG = Logger.getLogger(SipServiceLifecycle.class.getName());
    static final String STACK_NAME = "active-recorder-sip";

    @EJB
    private StreamIntake intake;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultContextService")
    private ContextService contexts;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    private volatile RecordingSipService service;
    private ScheduledFuture<?> countersLog;

    synchronized void start(@Observes Startup applicationStarted) {
        if (service != null) {
            return; // one stack per application, however often a container fires the start-up event
        }
        SipSettings settings;
        SessionTimerPolicy timers;
        SipLimits limits;
        try {
            settings = SipSettings.fromSystemProperties();
            timers = SessionTimerPolicy.fromSystemProperties();
            limits = SipLimits.fromSystemProperties();
        } catch (IllegalArgumentException invalid) {
            LOG.severe(() -> "SIP intake NOT started, no recording sessions will be accepted: " + invalid.getMessage());
            return;
        }
        try {
            // The intake's schema and crash recovery come first: no session is accepted before them.
            intake.awaitStartup();
        } catch (RuntimeException notReady) {
            LOG.log(Level.SEVERE, "SIP intake NOT started: the recorder's start-up work failed", notReady);
            return;
        }
        Executor managed = executor::execute;
        Executor submitting = contexts.createContextualProxy(managed, Executor.class);
        try {
            service = RecordingSipService.start(settings, limits, SessionTimers.on(timers, scheduler),
                    StackProperties.forStack(STACK_NAME, limits), intake, submitting);
            if (limits.countersLogSeconds() > 0) {
                RecordingSipService started = service;
                countersLog = scheduler.scheduleAtFixedRate(() -> started.counters().logIfChanged(),
                        limits.countersLogSeconds(), limits.countersLogSeconds(), TimeUnit.SECONDS);
            }
        } catch (SipStartFailure failure) {
            LOG.log(Level.SEVERE, "SIP intake NOT listening, no recording sessions will be accepted: "
                    + failure.getMessage() + ". Free the port or set " + SipSettings.BIND_ADDRESS + " / "
                    + SipSettings.PORT + ", then redeploy.", failure);
        }
    }

    /** Whether SIP is listening; false when the stack could not start. */
    public boolean isListening() {
        return service != null;
    }

    /** What the SIP side refused or dropped since it started, for a status page; empty when SIP is not listening. */
    public Optional<SipCounters.Snapshot> counters() {
        RecordingSipService running = service;
        return running == null ? Optional.empty() : Optional.of(running.counters().snapshot());
    }

    /** The running SIP service, for the metrics; empty when SIP is not listening. */
    public Optional<RecordingSipService> running() {
        return Optional.ofNullable(service);
    }

    @PreDestroy
    synchronized void stop() {
        RecordingSipService running = service;
        service = null;
        if (countersLog != null) {
            countersLog.cancel(false);
            countersLog = null;
        }
        if (running != null) {
            running.stop();
        }
    }
}
