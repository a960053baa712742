package org.activerecorder.sip.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.activerecorder.health.ReadinessProbes;
import org.activerecorder.health.SipReadiness;
import org.activerecorder.sip.RecordingSipService;
import org.activerecorder.sip.SipServiceLifecycle;
import org.eclipse.microprofile.health.HealthCheckResponse;

import javax.sip.ListeningPoint;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The probe behind the readiness check {@value #NAME} (recorder-health), handed in when the application starts: ready
 * when the SIP intake listens: the stack started at deployment and has not stopped. The data names where it
 * listens, one entry per transport ({@code "udp": "127.0.0.1:5060"}), and its load: sessions opening or established,
 * openings waiting for the executor. When it does not listen, the cause was logged once at start as a SEVERE entry
 * ("SIP intake NOT ...") naming the setting to change; the data points there rather than repeat it.
 */
@ApplicationScoped
public class SipProbe {

    static final String NAME = SipReadiness.NAME;

    @Inject
    private SipServiceLifecycle sip;

    @Inject
    private ReadinessProbes probes;

    void provide(@Observes Startup applicationStarted) {
        probes.provide(NAME, this::probe);
    }

    /** What the check answers now. */
    HealthCheckResponse probe() {
        Optional<RecordingSipService> running = sip.running();
        if (running.isEmpty()) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of(
                    "listening", false,
                    "cause", "SIP intake not started: the server log's SEVERE entry 'SIP intake NOT ...' says why")));
        }
        RecordingSipService service = running.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("listening", true);
        for (ListeningPoint point : service.endpoint().listeningPoints()) {
            String address = point.getIPAddress();
            data.put(point.getTransport().toLowerCase(Locale.ROOT),
                    (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + point.getPort());
        }
        data.put("sessions", (long) service.activeSessions());
        data.put("pendingWork", (long) service.pendingWork());
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(data));
    }
}
