package org.activerecorder.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers a trivial query through JPA (recorder-ejb's probe). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness extends ProbedReadiness {

    public static final String NAME = "recorder-database";

    @Override
    String name() {
        return NAME;
    }
}
