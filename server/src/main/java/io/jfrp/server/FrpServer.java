package io.jfrp.server;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.server.control.ControlContext;
import io.jfrp.server.control.FirstMessageHandler;
import io.jfrp.server.proxy.PortPolicy;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.PublicPorts;
import io.jfrp.server.proxy.http.HttpProxy;
import io.jfrp.server.proxy.https.HttpsProxy;
import io.jfrp.server.proxy.tcp.TcpProxies;
import io.jfrp.server.proxy.tcpmux.TcpMuxProxy;
import io.jfrp.server.security.SecurityMetrics;
import io.jfrp.server.security.ServerSecurity;
import io.jfrp.server.transport.ClientListener;
import io.jfrp.server.transport.EventLoops;
import io.jfrp.server.transport.ServerTls;
import io.jfrp.server.vhost.TunnelVhosts;
import io.jfrp.server.vhost.http.HttpVhost;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * jfrps: accepts frp clients on bindPort and serves their proxies. Puts the parts together; each
 * does its job in its own package (see docs/ARCHITECTURE.md):
 * <ul>
 *   <li>{@code transport}: the bindPort listener ({@link ClientListener}), TLS or plain by the first
 *       byte, yamux, the event loops;</li>
 *   <li>{@code control}: the first message of each connection or stream ({@link FirstMessageHandler}):
 *       a Login makes a {@code ServerControl}, a NewWorkConn joins its client's pool;</li>
 *   <li>{@code proxy}: the proxies, made by type from the {@link ProxyTypeRegistry} built here (the one
 *       place that says which types jfrps serves), with their public ports;</li>
 *   <li>{@code vhost}: the shared http, https and tcpmux ports and their routing.</li>
 * </ul>
 *
 * <h3>TLS</h3>
 * With transport.tls.certFile/keyFile the server presents that certificate; without, a self-signed
 * one kept in {@code tls.selfSignedDir} (made on first start). With transport.tls.trustedCaFile,
 * clients must present a certificate from that CA.
 */
public final class FrpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrpServer.class);

    private final ServerConfig config;
    private final EventLoops loops;
    private final HttpVhost httpVhost;
    private final TunnelVhosts tunnelVhosts;
    private final ServerSecurity security;
    private final ControlContext controls;
    private final ClientListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @throws IOException when the TLS files or custom404Page cannot be read */
    public FrpServer(ServerConfig config) throws IOException {
        this.config = config;
        this.loops = EventLoops.create();
        try {
            this.security = new ServerSecurity(config);
            this.httpVhost = config.vhost().httpPort() == 0 ? null
                    : new HttpVhost(config.vhost(), config.proxyBindAddr(), security);
            this.tunnelVhosts = new TunnelVhosts(config.vhost(), config.proxyBindAddr(), loops, security);
            this.controls = new ControlContext(config, proxies(config, loops, httpVhost, tunnelVhosts, security),
                    security);
            this.listener = new ClientListener(config, loops, ServerTls.context(config.tls()),
                    () -> new FirstMessageHandler(controls), security);
        } catch (IOException | RuntimeException e) {
            loops.close();
            throw e;
        }
    }

    /** The proxy types jfrps serves, with defences of their own (tests). */
    static ProxyTypeRegistry<ProxyFactory> proxies(ServerConfig config, EventLoops loops, HttpVhost httpVhost,
                                         TunnelVhosts tunnelVhosts) {
        return proxies(config, loops, httpVhost, tunnelVhosts, new ServerSecurity(config));
    }

    /** The proxy types jfrps serves: one line per type. */
    static ProxyTypeRegistry<ProxyFactory> proxies(ServerConfig config, EventLoops loops, HttpVhost httpVhost,
                                         TunnelVhosts tunnelVhosts, ServerSecurity security) {
        PublicPorts ports = new PublicPorts(new PortPolicy(config.allowPorts()::allows, config.maxPortsPerClient(),
                security.userPorts()::check), loops, config.proxyBindAddr());
        return ProxyTypeRegistry.<ProxyFactory>builder()
                .add(ProxyType.TCP, new TcpProxies(ports, loops.workerGroup().next()))
                .add(ProxyType.HTTP, HttpProxy.factory(httpVhost))
                .add(ProxyType.HTTPS, HttpsProxy.factory(tunnelVhosts))
                .add(ProxyType.TCPMUX, TcpMuxProxy.factory(tunnelVhosts))
                .build();
    }

    /** Binds bindPort and the vhost ports; the returned server is serving when this returns. */
    public FrpServer start() throws InterruptedException {
        listener.start();
        tunnelVhosts.start(); // vhostHTTPSPort, tcpmuxHTTPConnectPort (when set)
        if (httpVhost != null) { // vhostHTTPPort
            httpVhost.start(loops);
        }
        log.info("jfrps listening on {} (tcpMux {}, TLS {}{})", listener.address(),
                config.tcpMux() ? "on" : "off", config.tls().force() ? "required" : "accepted",
                config.tls().trustedCaFile() != null ? ", client certificates required" : "");
        return this;
    }

    /** The address bindPort is bound to (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return listener.address();
    }

    /** The address of the http vhost listener (vhostHTTPPort), or null when it is off. */
    public InetSocketAddress httpVhostAddress() {
        return httpVhost == null ? null : httpVhost.address();
    }

    /** What the defences have refused and closed, by reason, and the admission state now. */
    public SecurityMetrics security() {
        return security.metrics();
    }

    /** Clients logged in now. */
    public int clientCount() {
        return controls.controls().size();
    }

    /**
     * The clients' work connections relaying a public connection now (their number is frps' current
     * connections): with tcpMux, yamux streams whose windows and queues can be read on their loops.
     */
    public List<Channel> workConnections() {
        return List.copyOf(controls.workConnectionsInUse());
    }

    /** Stops the server: listeners, client sessions, event loops. Later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        listener.close();
        tunnelVhosts.close();
        if (httpVhost != null) {
            httpVhost.close();
        }
        loops.close();
    }
}
