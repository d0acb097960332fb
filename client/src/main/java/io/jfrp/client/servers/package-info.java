/**
 * Where each connection of jfrpc to a server stands: {@link io.jfrp.client.servers.ServerLink} (moved
 * by its {@code FrpClient}), read as {@link io.jfrp.client.servers.ServerLinkStatus} and shown by
 * {@link io.jfrp.client.servers.ServerStatusView} (the admin API's and {@code jfrpc status}'s
 * extension). With several servers ({@code jfrp.servers}, docs/multi-server.md) the root package's
 * {@code MultiServerClient} runs one {@code FrpClient} per server. Imports: config.model only.
 */
package io.jfrp.client.servers;
