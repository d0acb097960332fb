/**
 * jfrpc's control plane: one {@link io.jfrp.client.control.ClientConnection} per connection to the
 * server (login, the encrypted control stream, heartbeats, NewProxy for each proxy), its work
 * connections ({@code WorkConnHandler}: NewWorkConn, StartWorkConn, the proxy's wrapping, then the
 * proxy's client side), the {@link io.jfrp.client.control.ClientContext} they share and the
 * thread-safe reconnect {@link io.jfrp.client.control.Backoff}.
 *
 * <p>May use: {@code transport} (the one way to reach the server), {@code proxy} (registry, client
 * side of each proxy), protocol, mux, config's model. Never the root package ({@code FrpClient}
 * hears of events through {@link io.jfrp.client.control.ConnectionEvents}).
 */
package io.jfrp.client.control;
