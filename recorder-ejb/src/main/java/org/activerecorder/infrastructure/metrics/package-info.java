/**
 * The server's metrics (docs/metrics.md): meters over the counters the media plane, the recordings and SIP already
 * keep, registered in WildFly's Micrometer registry (exported by OTLP when an operator configures it) and in a
 * registry of our own that {@code GET /api/metrics} renders as Prometheus text behind the recorder's login. Meters
 * only read: gauges and function counters evaluated at a scrape, nothing on the media path.
 */
package org.activerecorder.infrastructure.metrics;
