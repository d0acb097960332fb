package io.jfrp.server.control;

import io.jfrp.config.json.ProxyJson;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.protocol.msg.Login;
import io.jfrp.server.monitor.ClientSession;
import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.monitor.ProxyRegistration;
import io.jfrp.server.monitor.ServerMetrics;
import io.jfrp.server.monitor.ServerMonitor;
import io.jfrp.server.proxy.UserConnectionMeter;
import io.jfrp.protocol.wire.WireProtocol;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What the controls tell the server's {@link ServerMonitor}, in one place, so the control classes
 * each make one call per event: a client logging in (its entry in the client registry, which refuses
 * a client id already online) and leaving, proxies registered and closed (with their configuration
 * as frps' dashboard shows it), each proxy's user connections and traffic, and connections closed
 * before they authenticated. Thread-safe (the monitor's parts are).
 */
public final class ControlMonitoring {
    private final ServerMonitor monitor;

    public ControlMonitoring(ServerMonitor monitor) {
        this.monitor = monitor;
    }

    /** jfrp's own meters (pre-auth closes, TLS handshakes, mux streams). */
    public JfrpMeters meters() {
        return monitor.jfrpMeters();
    }

    /**
     * Records a verified login in the client registry; null when refused because its client id is
     * online under another run id (frp rejects that login with {@link #conflictError}).
     */
    ClientSession register(Login login, String runId, Channel channel) {
        ClientSession session = new ClientSession(runId, login.user(), login.clientId(), login.hostname(),
                login.version(), wireProtocolOf(channel), ipOf(channel));
        if (monitor.clients().register(session).conflict()) {
            meters().closedBeforeAuth(PreAuthCloseReason.REJECTED);
            return null;
        }
        return session;
    }

    /**
     * The wire protocol the client's control connection speaks, as the dashboard shows it
     * ({@code wireProtocol}, "v1" or "v2"): what jfrps detected on that connection or stream.
     */
    static String wireProtocolOf(Channel channel) {
        WireProtocol detected = WireProtocol.of(channel);
        return (detected == null ? WireProtocol.V1 : detected).configName();
    }

    /** frp's error text for a client id that is already online. */
    static String conflictError(Login login) {
        return "client_id [" + login.clientId() + "] for user [" + login.user() + "] is already online";
    }

    /** The LoginResp went out: the client counts as logged in. */
    void loggedIn(ClientSession session) {
        monitor.metrics().clientLoggedIn(session);
    }

    /** The client's control closed: its proxies are closed, it is gone and (unless replaced) offline. */
    void clientGone(ClientSession session) {
        monitor.metrics().clientGone(session);
        monitor.clients().markOffline(session);
    }

    /** A proxy of {@code session} started serving. */
    void proxyRegistered(ProxyConfig config, ClientSession session) {
        monitor.metrics().proxyRegistered(new ProxyRegistration(config.name(), config.type().frpName(),
                session.user(), session.effectiveClientId(), ProxyJson.serverView(config)));
    }

    /** A proxy stopped serving (CloseProxy, its client gone). */
    void proxyClosed(ProxyConfig config) {
        monitor.metrics().proxyClosed(config.name(), config.type().frpName());
    }

    /** The meter of one proxy's user connections. */
    UserConnectionMeter meter(ProxyConfig config) {
        ServerMetrics metrics = monitor.metrics();
        if (metrics == ServerMetrics.NOOP) {
            return UserConnectionMeter.NONE;
        }
        String name = config.name();
        String type = config.type().frpName();
        return new UserConnectionMeter() {
            @Override
            public void opened() {
                metrics.userConnectionOpened(name, type);
            }

            @Override
            public void closed() {
                metrics.userConnectionClosed(name, type);
            }

            @Override
            public void traffic(long fromUser, long toUser) {
                metrics.trafficIn(name, type, fromUser);
                metrics.trafficOut(name, type, toUser);
            }
        };
    }

    /**
     * The peer's IP without the port (frp's clientIP); with tcpMux, that of the session's connection,
     * with QUIC that of the QUIC connection.
     */
    private static String ipOf(Channel channel) {
        SocketAddress a = PendingConnection.peerAddress(channel);
        return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress() : "";
    }
}
