package org.activerecorder.health;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** A readiness check that answers with the probe handed in under its name (see {@link ReadinessProbes}). */
abstract class ProbedReadiness implements HealthCheck {

    @Inject
    private ReadinessProbes probes;

    /** The check's name, as {@code /health} shows it and as its probe is handed in. */
    abstract String name();

    @Override
    public HealthCheckResponse call() {
        return probes.probe(name());
    }
}
