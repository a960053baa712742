package org.activerecorder.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.activerecorder.infrastructure.metrics.RecorderMeters;

/**
 * {@code GET /api/metrics}: the server's metrics in the Prometheus text format (docs/metrics.md), for a monitoring
 * system's scraper logged in with the role {@code metrics} (or an admin). Served here, behind the recorder's own
 * login, because WildFly's Prometheus endpoint lives on the management interface behind the management realm.
 */
@Path("metrics")
@RequestScoped
public class MetricsResource {

    @Inject
    private RecorderMeters meters;

    @GET
    @Produces("text/plain")
    @Allowed(Entitlement.READ_METRICS)
    public Response scrape() {
        return Response.ok(meters.prometheusText(), RecorderMeters.PROMETHEUS_CONTENT_TYPE).build();
    }
}
