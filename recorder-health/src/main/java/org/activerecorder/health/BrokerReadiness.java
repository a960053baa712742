package org.activerecorder.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the embedded broker takes a JMS connection and session (recorder-ejb's probe). */
@Readiness
@ApplicationScoped
public class BrokerReadiness extends ProbedReadiness {

    public static final String NAME = "recorder-broker";

    @Override
    String name() {
        return NAME;
    }
}
