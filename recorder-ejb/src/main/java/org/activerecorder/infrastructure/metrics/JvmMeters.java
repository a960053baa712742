package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's memory, threads and garbage collections, for {@code GET /api/metrics}: a recorder's latencies follow its
 * collector (docs/performance.md, "Series U"), so the pauses belong beside the media figures.
 *
 * <p>Memory and threads are Micrometer's binders. The collections are read here from each
 * {@link GarbageCollectorMXBean} (module {@code java.management}) because Micrometer's {@code JvmGcMetrics} needs
 * {@code com.sun.management}, which WildFly's module of Micrometer cannot see: there it binds nothing. The beans give
 * each collector's count and accumulated time: for ZGC, "ZGC Pauses" is the time every thread stood still and
 * "ZGC Cycles" the concurrent work; for G1, "G1 Young Generation" and "G1 Old Generation" are pauses.
 */
final class JvmMeters implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionCounter.builder("jvm.gc.collections", collector, bean -> Math.max(0, bean.getCollectionCount()))
                    .description("Collections (or ZGC pauses and cycles) since the JVM started, by collector")
                    .tag("gc", collector.getName())
                    .register(registry);
            FunctionCounter.builder("jvm.gc.collection", collector, bean -> Math.max(0, bean.getCollectionTime()) / 1e3)
                    .description("Time spent in collections (for ZGC Pauses: with every thread stopped), by collector")
                    .baseUnit("seconds")
                    .tag("gc", collector.getName())
                    .register(registry);
        }
    }
}
