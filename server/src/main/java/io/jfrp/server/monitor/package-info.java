/**
 * What jfrps reports about itself, in frp's server/metrics design: one event interface
 * ({@link io.jfrp.server.monitor.ServerMetrics}) the server calls, the in-memory
 * {@link io.jfrp.server.monitor.ServerStatistics} behind the dashboard API,
 * {@link io.jfrp.server.monitor.PrometheusMetrics} behind {@code /metrics}, a
 * {@link io.jfrp.server.monitor.CompositeMetrics} feeding both, the
 * {@link io.jfrp.server.monitor.ClientRegistry} of clients by key, jfrp's own
 * {@link io.jfrp.server.monitor.JfrpMeters}, and {@link io.jfrp.server.monitor.ServerMonitor}
 * assembling them from the configuration.
 */
package io.jfrp.server.monitor;
