/**
 * The server's shared, name-routed ports, which every client's proxies of a type share: http by Host
 * and path ({@code vhost.http}), https by the TLS server name ({@code vhost.https}), tcpmux by an
 * HTTP CONNECT target ({@code vhost.tcpmux}). This package holds their routing: the route tables
 * ({@link io.jfrp.server.vhost.NameRoutes}, with load-balancing groups), frp's domain rules
 * ({@link io.jfrp.server.vhost.DomainCandidates}, {@link io.jfrp.server.vhost.ProxyDomains}) and the
 * https/tcpmux listeners ({@link io.jfrp.server.vhost.TunnelVhosts}).
 *
 * <p>May use: {@code proxy}'s core types (the bridge, round robin), {@code transport} (event loops),
 * config's model. Never {@code control} or a proxy type's package: proxies register here, not the
 * other way round.
 */
package io.jfrp.server.vhost;
