/**
 * The control plane of jfrps: the first message of every connection or stream
 * ({@link io.jfrp.server.control.FirstMessageHandler}: Login, NewWorkConn, refusals, its deadline),
 * each logged-in client's {@link io.jfrp.server.control.ServerControl} (its encrypted control stream,
 * NewProxy/CloseProxy/Ping, its proxies) and the {@link io.jfrp.server.control.ControlRegistry} of
 * clients, the client's work-connection pool ({@link io.jfrp.server.control.WorkConnPool}) and the
 * proxy names in use. A control runs on its connection's event loop.
 *
 * <p>May use: {@code proxy} (the registry, the Proxy contract, the bridge it gives each proxy),
 * protocol, config's model. Never {@code transport}, {@code vhost} or a proxy type's package.
 */
package io.jfrp.server.control;
