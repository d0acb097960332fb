/**
 * tcp proxies: a public port per proxy ({@link io.jfrp.server.proxy.tcp.TcpProxy}), or one shared by a
 * load-balancing group whose members take the connections in turn
 * ({@link io.jfrp.server.proxy.tcp.TcpGroups}). Registered by {@link io.jfrp.server.proxy.tcp.TcpProxies}.
 *
 * <p>May use: {@code proxy} (bridge, public ports, round robin). Nothing of vhost or control.
 */
package io.jfrp.server.proxy.tcp;
