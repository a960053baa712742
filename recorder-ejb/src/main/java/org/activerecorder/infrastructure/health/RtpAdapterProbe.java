package org.activerecorder.infrastructure.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.health.ReadinessProbes;
import org.activerecorder.health.RtpReadiness;
import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The probe behind the readiness check {@value #NAME} (recorder-health): ready when the RTP adapter is started: its
 * connection factory answers and its receive loops run (the figures come from the loops themselves, between two
 * selects). The data is the media plane's load: loops, streams open, port pairs in use and free, stream events
 * waiting. Running out of free ports does not make the recorder unready: the SIP side refuses the new sessions it
 * cannot place with its own answer, and the calls being recorded go on.
 */
@ApplicationScoped
public class RtpAdapterProbe {

    static final String NAME = RtpReadiness.NAME;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    private final ReadinessLog log = new ReadinessLog(NAME);

    @Inject
    private ReadinessProbes probes;

    /** Hands this probe to the readiness check {@value #NAME} when the application starts. */
    void provide(@Observes Startup applicationStarted) {
        probes.provide(NAME, this::probe);
    }

    /** What the check answers now. */
    HealthCheckResponse probe() {
        try (RtpConnection connection = media.getConnection()) {
            HealthCheckResponse answer = of(connection.mediaPlane());
            if (answer.getStatus() == HealthCheckResponse.Status.UP) {
                log.up();
            } else {
                log.down("the RTP adapter runs no receive loop", null);
            }
            return answer;
        } catch (ResourceException failure) {
            log.down("the RTP adapter cannot be reached", failure);
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of(
                    "connectionFactory", RtpConnectionFactory.JNDI_NAME, "error", ReadinessLog.causeType(failure))));
        }
    }

    /**
     * The answer for these figures: up while at least one receive loop runs. Numbers are longs, the type MicroProfile
     * Health's data takes.
     */
    static HealthCheckResponse of(MediaPlaneFigures figures) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("receiveLoops", (long) figures.streamsPerLoop().size());
        data.put("streamsOpen", (long) figures.streamsOpen());
        data.put("portPairsInUse", (long) figures.portPairsInUse());
        data.put("portPairsFree", (long) figures.portPairsFree());
        data.put("eventsPending", figures.eventsPending());
        boolean running = !figures.streamsPerLoop().isEmpty();
        return new HealthCheckResponse(NAME, running ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }
}
