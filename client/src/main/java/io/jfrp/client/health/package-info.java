/**
 * Health checks of the local services behind proxies (frp's {@code healthCheck}):
 * {@link io.jfrp.client.health.HealthMonitor} runs a {@link io.jfrp.client.health.TcpProbe} or
 * {@link io.jfrp.client.health.HttpProbe} every interval and reports when a service becomes healthy
 * or unhealthy; the proxy manager then registers or withdraws the proxy on the server.
 */
package io.jfrp.client.health;
