package org.activerecorder.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The probes behind the readiness checks, by check name, handed in at start by the modules that own what they probe
 * (recorder-ejb: database, broker, RTP adapter; recorder-sip-war: SIP). A check whose probe never came answers DOWN
 * and says so: the module that owns it did not start. One per application (the EAR's lib/ is one bean archive
 * shared by every module), so what a module hands in is what the checks ask.
 */
@ApplicationScoped
public class ReadinessProbes {

    private final Map<String, Supplier<HealthCheckResponse>> probes = new ConcurrentHashMap<>();

    /** From now on, the check {@code name} answers what {@code probe} says (a later probe replaces it). */
    public void provide(String name, Supplier<HealthCheckResponse> probe) {
        probes.put(name, probe);
    }

    /** What the probe of {@code name} says now; DOWN, naming the cause, when no probe was handed in. */
    public HealthCheckResponse probe(String name) {
        Supplier<HealthCheckResponse> probe = probes.get(name);
        if (probe == null) {
            return new HealthCheckResponse(name, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("cause",
                    "no probe: the module that owns this check did not start (see the server log)")));
        }
        return probe.get();
    }
}
