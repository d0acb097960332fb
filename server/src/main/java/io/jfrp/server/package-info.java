/**
 * jfrps, the server. {@link io.jfrp.server.FrpServer} is the entry point and puts the packages
 * together; the request flow through them is in docs/ARCHITECTURE.md.
 * <ul>
 *   <li>{@code transport}: bindPort, first-byte sniffing, TLS, yamux, event loops;</li>
 *   <li>{@code control}: first message and login, each client's control, its work-connection pool,
 *       proxy names;</li>
 *   <li>{@code proxy} and one package per type: the proxies, their registry, public ports, the bridge
 *       to the client's work connections;</li>
 *   <li>{@code vhost}: the shared http, https and tcpmux listeners and their routing;</li>
 *   <li>{@code cli}: the jfrps command line.</li>
 * </ul>
 * Imports go one way: cli → (root) → transport, control → proxy → vhost → proxy's core types;
 * nothing imports {@code cli} or this root package.
 */
package io.jfrp.server;
