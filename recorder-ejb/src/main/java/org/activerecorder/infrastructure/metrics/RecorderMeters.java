package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Logger;

/**
 * Where the recorder's meters are registered: one registration feeds both WildFly's Micrometer registry (the one its
 * micrometer subsystem exports, by OTLP push when configured) and a registry of our own that
 * {@link #prometheusText()} reads for {@code GET /api/metrics}.
 *
 * <p>Why a registry of our own beside WildFly's: WildFly's is a composite whose only children are the exporters an
 * operator configured; with none (the default) its meters read nothing, and its Prometheus exporter, where there is
 * one, serves the management interface behind the management realm, not the recorder's users and roles
 * (docs/metrics.md). Not a {@code MeterRegistry} bean itself, so injecting {@code MeterRegistry} still means
 * WildFly's.
 */
@ApplicationScoped
public class RecorderMeters {

    /** The media type of {@link #prometheusText()}. */
    public static final String PROMETHEUS_CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

    private static final Logger LOG = Logger.getLogger(RecorderMeters.class.getName());

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final SimpleMeterRegistry scraped = new SimpleMeterRegistry();
    private MeterRegistry server;

    /** For CDI. */
    public RecorderMeters() {
        registry.add(scraped);
    }

    /** With WildFly's registry given: for tests, which pass any registry. */
    public RecorderMeters(MeterRegistry server) {
        this();
        attach(server);
    }

    @Inject
    void serverRegistry(Instance<MeterRegistry> servers) {
        if (servers.isResolvable()) {
            attach(servers.get());
        } else if (!servers.isUnsatisfied()) {
            // one bean per module of the EAR, each the same server registry: any of them will do
            attach(servers.iterator().next());
        } else {
            LOG.warning("WildFly's Micrometer registry is not available (no micrometer subsystem?): the recorder's"
                    + " metrics are served at /api/metrics only, never exported");
        }
    }

    private void attach(MeterRegistry serverRegistry) {
        server = serverRegistry;
        registry.add(serverRegistry);
    }

    /** Where to register meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Meters for {@code GET /api/metrics} alone, never WildFly's registry: the JVM's, which WildFly's micrometer
     * subsystem registers there itself (and which {@link #unregister} must not take out of it).
     */
    public void bindScrapedOnly(MeterBinder binder) {
        binder.bindTo(scraped);
    }

    /** Every meter now, in the Prometheus text format (version 0.0.4). */
    public String prometheusText() {
        return PrometheusText.render(scraped.getMeters());
    }

    /**
     * Takes the recorder's meters out of WildFly's registry, which outlives the deployment: left there they would
     * keep this deployment's classes and read its dead objects after a redeploy.
     */
    @PreDestroy
    void unregister() {
        List<Meter> meters = registry.getMeters();
        for (Meter meter : meters) {
            registry.remove(meter);
            if (server != null) {
                server.remove(meter.getId());
            }
        }
        if (server != null) {
            registry.remove(server);
        }
    }
}
