package io.jfrp.server.monitor;

/**
 * The events jfrps reports about its clients, proxies and user connections: frp's
 * {@code server/metrics.ServerMetrics}, with the details the dashboard needs. Implementations are
 * the in-memory {@link ServerStatistics} behind the dashboard API, {@link PrometheusMetrics}
 * behind {@code /metrics}, and {@link CompositeMetrics} that feeds both.
 *
 * <h3>When the server calls what</h3>
 * <ul>
 *   <li>{@link #clientLoggedIn} after the LoginResp has been written; {@link #clientGone} when the
 *       control connection has closed, after the client's proxies were closed.</li>
 *   <li>{@link #proxyRegistered} when NewProxy succeeded (after plugins and registration);
 *       {@link #proxyClosed} when the proxy is removed (CloseProxy, client gone, health check).</li>
 *   <li>{@link #userConnectionOpened} when a user connection is joined to a work connection,
 *       {@link #userConnectionClosed} when that pair ends, followed by {@link #trafficIn} and
 *       {@link #trafficOut} with the bytes it carried (frp adds TCP-style traffic at close; udp
 *       adds per datagram).</li>
 * </ul>
 * Names are wire names ({@code user.name} when the client sets a user); types are frp's
 * ({@code tcp}, {@code http}, ...). In and out are seen from the user: in = bytes from users towards
 * frpc, out = bytes from frpc back to users.
 *
 * <p>Implementations are thread-safe and cheap: the events come from every event loop.
 *
 * <p>Every event has a no-op default (as {@code YamuxSessionListener} and {@code ControlHooks}):
 * {@link #NOOP} is the interface itself, and an implementation overrides what it records.
 */
public interface ServerMetrics {
    default void clientLoggedIn(ClientSession client) {
    }

    default void clientGone(ClientSession client) {
    }

    default void proxyRegistered(ProxyRegistration proxy) {
    }

    default void proxyClosed(String name, String type) {
    }

    default void userConnectionOpened(String name, String type) {
    }

    default void userConnectionClosed(String name, String type) {
    }

    default void trafficIn(String name, String type, long bytes) {
    }

    default void trafficOut(String name, String type, long bytes) {
    }

    /** Does nothing: frps without a web server keeps no statistics, as frp. */
    ServerMetrics NOOP = new ServerMetrics() {
    };
}
