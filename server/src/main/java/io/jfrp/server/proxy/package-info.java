/**
 * The proxies jfrps runs, one package per type ({@code tcp}, {@code http}, {@code https},
 * {@code tcpmux}), made by the {@link io.jfrp.config.model.proxy.ProxyTypeRegistry} from the proxy's model
 * record. This package holds what they share: the {@link io.jfrp.server.proxy.Proxy} contract, the
 * {@link io.jfrp.server.proxy.WorkConnBridge} to the client's work connections (StartWorkConn, the
 * proxy's wrapping, the relay), the public ports ({@link io.jfrp.server.proxy.PublicPorts} under the
 * {@link io.jfrp.server.proxy.PortPolicy}), {@link io.jfrp.server.proxy.RoundRobin} for groups, and the two
 * shapes a type's {@code Proxy} takes (both an {@link io.jfrp.server.proxy.OwnedProxy}: its client's context
 * and name): a {@link io.jfrp.server.proxy.PortProxy} on a public port of its
 * own (tcp, tcp groups, udp), or a {@link io.jfrp.server.proxy.RoutedProxy} registered by name (http,
 * https, tcpmux, stcp, sudp, xtcp).
 *
 * <h3>Adding a type</h3>
 * Its record in config ({@code io.jfrp.config.model.proxy}), a package here with its {@code Proxy}
 * and factory, and one {@code add(ProxyType.X, ...)} line where the server builds its registry
 * ({@code FrpServer}).
 *
 * <p>May use: {@code transport} (event loops), {@code vhost} (the type packages, for shared ports),
 * config's model, protocol. Never {@code control}: the control reaches proxies through this package,
 * not the other way round.
 */
package io.jfrp.server.proxy;
