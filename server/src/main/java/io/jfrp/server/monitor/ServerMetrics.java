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
 */
public interface ServerMetrics {
    void clientLoggedIn(ClientSession client);

    void clientGone(ClientSession client);

    void proxyRegistered(ProxyRegistration proxy);

    void proxyClosed(String name, String type);

    void userConnectionOpened(String name, String type);

    void userConnectionClosed(String name, String type);

    void trafficIn(String name, String type, long bytes);

    void trafficOut(String name, String type, long bytes);

    /** Does nothing: frps without a web server keeps no statistics, as frp. */
    ServerMetrics NOOP = new ServerMetrics() {
        @Override
        public void clientLoggedIn(ClientSession client) {
        }

        @Override
        public void clientGone(ClientSession client) {
        }

        @Override
        public void proxyRegistered(ProxyRegistration proxy) {
        }

        @Override
        public void proxyClosed(String name, String type) {
        }

        @Override
        public void userConnectionOpened(String name, String type) {
        }

        @Override
        public void userConnectionClosed(String name, String type) {
        }

        @Override
        public void trafficIn(String name, String type, long bytes) {
        }

        @Override
        public void trafficOut(String name, String type, long bytes) {
        }
    };
}
