/**
 * jfrpc on several servers at once ({@code jfrp.servers}, docs/multi-server.md):
 * {@link io.jfrp.client.servers.MultiServerClient} runs one client per server on shared loops, each with
 * every proxy and its own backoff; {@link io.jfrp.client.servers.ServerLink} tracks where each
 * connection stands, {@link io.jfrp.client.servers.ServerStatusView} shows it (the admin API's and
 * {@code jfrpc status}'s extension).
 */
package io.jfrp.client.servers;
