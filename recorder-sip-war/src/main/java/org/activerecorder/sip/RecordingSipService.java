package org.activerecorder.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.sip.admission.SessionAdmission;
import org.activerecorder.sip.admission.SessionTimerCounters;
import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.handler.PeerFilter;
import org.activerecorder.sip.handler.RecordingSipServlet;
import org.activerecorder.sip.handler.Responses;
import org.activerecorder.sip.handler.SessionTimerPolicy;
import org.activerecorder.sip.handler.SessionTimers;
import org.activerecorder.sip.handler.SipEventDispatcher;
import org.activerecorder.sip.metrics.CountingSipListener;
import org.activerecorder.sip.metrics.SipTraffic;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.stack.SipEndpoint;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.SipStartFailure;

import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SIP side of the recorder, assembled: a JAIN-SIP endpoint whose listener dispatches to the
 * recording servlet, which calls the stream intake on an executor. Plain Java: the container passes in
 * the EJB and its managed executor, tests pass in doubles.
 */
public final class RecordingSipService {

    private static final Logger LOG = Logger.getLogger(RecordingSipService.class.getName());

    private final StreamIntake intake;
    private final RecordingSessions sessions;
    private final SipEndpoint endpoint;
    private final RecordingSipServlet servlet;
    private final SessionAdmission admission;
    private final SipTraffic traffic;

    private RecordingSipService(StreamIntake intake, RecordingSessions sessions, SipEndpoint endpoint,
                                RecordingSipServlet servlet, SessionAdmission admission, SipTraffic traffic) {
        this.intake = intake;
        this.sessions = sessions;
        this.endpoint = endpoint;
        this.servlet = servlet;
        this.admission = admission;
        this.traffic = traffic;
    }

    /**
     * Starts listening.
     *
     * @param settings        where to listen and whom to answer
     * @param stackProperties the JAIN-SIP properties ({@link org.activerecorder.sip.stack.StackProperties})
     * @param intake          the stream intake
     * @param executor        runs the intake's blocking calls, never on JAIN-SIP's event thread
     * @throws SipStartFailure when the stack cannot listen
     */
    public static RecordingSipService start(SipSettings settings, Properties stackProperties, StreamIntake intake,
                                            Executor executor) throws SipStartFailure {
        return start(settings, SipLimits.DEFAULTS, defaultTimers(), stackProperties, intake, executor);
    }

    /**
     * The same with the session timers given: their rules ({@value SessionTimerPolicy#MIN_SESSION_EXPIRES}
     * otherwise) and their scheduler (a thread of the service's own otherwise).
     */
    public static RecordingSipService start(SipSettings settings, SessionTimers timers,
                                            Properties stackProperties, StreamIntake intake, Executor executor)
            throws SipStartFailure {
        return start(settings, SipLimits.DEFAULTS, timers, stackProperties, intake, executor);
    }

    /**
     * The same with these limits, the session timer rules of the system properties and a scheduler of the service's
     * own.
     *
     * @throws IllegalArgumentException when the session timer setting is invalid
     */
    public static RecordingSipService start(SipSettings settings, SipLimits limits, Properties stackProperties,
                                            StreamIntake intake, Executor executor) throws SipStartFailure {
        return start(settings, limits, defaultTimers(), stackProperties, intake, executor);
    }

    private static SessionTimers defaultTimers() {
        return SessionTimers.ownThread(SessionTimerPolicy.fromSystemProperties());
    }

    /**
     * Starts listening with these limits and session timers.
     *
     * @param limits          sessions, pending work and message size the recorder takes on
     * @param timers          the session timer rules and the scheduler they run on (the container's managed one)
     * @param stackProperties the JAIN-SIP properties, {@code StackProperties.forStack(name, limits)}
     * @throws SipStartFailure when the stack cannot listen
     */
    public static RecordingSipService start(SipSettings settings, SipLimits limits, SessionTimers timers,
                                            Properties stackProperties, StreamIntake intake, Executor executor)
            throws SipStartFailure {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(executor, "executor");
        if (settings.bindAddress().isAnyLocalAddress()) {
            LOG.warning(() -> SipSettings.BIND_ADDRESS + " is a wildcard address: SDP answers then carry the RTP "
                    + "adapter's own address, which must be one the Media Servers can reach");
        }
        RecordingSessions sessions = new RecordingSessions();
        SipTraffic traffic = new SipTraffic();
        Responses responses = new Responses(new MessageFactoryImpl(), new HeaderFactoryImpl(), traffic);
        SipCounters counters = new SipCounters();
        SessionAdmission admission = new SessionAdmission(limits, sessions, executor, counters);
        RecordingSipServlet servlet = new RecordingSipServlet(intake, executor, sessions, responses,
                settings.bindAddress(), settings.siprec(), timers, admission);
        counters.alongside(servlet.siprecCounters()::summary);
        counters.alongside(servlet.sessionTimerCounters()::summary);
        counters.alongside(servlet::unacknowledgedSummary);
        SipEventDispatcher dispatcher = new SipEventDispatcher(new PeerFilter(settings.allowedPeers()), servlet,
                responses, counters);
        SipEndpoint endpoint;
        try {
            endpoint = SipEndpoint.start(settings, stackProperties, new CountingSipListener(dispatcher, traffic),
                    counters);
        } catch (SipStartFailure | RuntimeException failure) {
            servlet.close();
            throw failure;
        }
        LOG.info(() -> "SIP limits: " + limits);
        return new RecordingSipService(intake, sessions, endpoint, servlet, admission, traffic);
    }

    public SipEndpoint endpoint() {
        return endpoint;
    }

    /** How many sessions are opening or established now. */
    public int activeSessions() {
        return sessions.size();
    }

    /** Session openings handed to the executor and not finished. */
    public int pendingWork() {
        return admission.pendingWork();
    }

    /** What the session timers did since SIP started: refreshes sent and answered, sessions they ended. */
    public SessionTimerCounters sessionTimerCounters() {
        return servlet.sessionTimerCounters();
    }

    /** What the SIP side refused or dropped since it started. */
    public SipCounters counters() {
        return admission.counters();
    }

    /** Requests received by method and responses sent by class since SIP started. */
    public SipTraffic traffic() {
        return traffic;
    }

    /**
     * Stops listening, then ends the streams of sessions still established, so their recordings complete
     * with what they have instead of waiting for a BYE the stopped stack could not receive. Runs on the
     * caller's thread (the container's, at undeploy), where blocking on the intake is fine. No BYE is sent
     * to the Media Servers: their sessions end by their own timers.
     */
    public void stop() {
        endpoint.stop();
        servlet.close();
        admission.counters().logIfChanged();
        List<RecordingSession> open = sessions.removeAll();
        if (!open.isEmpty()) {
            LOG.info(() -> "SIP stopped with " + open.size() + " recording sessions open; ending their streams");
        }
        for (RecordingSession session : open) {
            session.abandon();
            for (String streamId : session.end()) {
                try {
                    intake.endStream(streamId);
                } catch (RuntimeException failure) {
                    LOG.log(Level.WARNING, "Cannot end stream " + streamId + " at shutdown", failure);
                }
            }
        }
    }
}
