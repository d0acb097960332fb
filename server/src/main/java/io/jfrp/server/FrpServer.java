package io.jfrp.server;

import io.jfrp.classpath.OptionalJars;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.server.control.ControlContext;
import io.jfrp.server.control.ControlHooks;
import io.jfrp.server.control.FirstMessageHandler;
import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.server.plugin.ServerPlugins;
import io.jfrp.server.proxy.PortPolicy;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.proxy.PublicPorts;
import io.jfrp.server.proxy.VisitorTargets;
import io.jfrp.server.proxy.secret.SecretProxy;
import io.jfrp.server.proxy.xtcp.XtcpCoordination;
import io.jfrp.server.proxy.xtcp.XtcpProxy;
import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import io.jfrp.server.proxy.udp.UdpPorts;
import io.jfrp.server.proxy.udp.UdpProxy;
import io.jfrp.server.proxy.http.HttpProxy;
import io.jfrp.server.proxy.https.HttpsProxy;
import io.jfrp.server.proxy.tcp.TcpProxies;
import io.jfrp.server.proxy.tcpmux.TcpMuxProxy;
import io.jfrp.server.security.SecurityMetrics;
import io.jfrp.server.security.ServerSecurity;
import io.jfrp.server.ssh.SshTunnelGateway;
import io.jfrp.server.transport.ClientListener;
import io.jfrp.server.transport.EventLoops;
import io.jfrp.server.transport.ServerTls;
import io.jfrp.server.vhost.TunnelVhosts;
import io.jfrp.server.vhost.http.HttpVhost;
import io.jfrp.server.monitor.ServerMonitor;
import io.jfrp.server.web.DashboardServer;
import io.jfrp.server.web.ServerInfo;
import io.jfrp.server.web.WebServerStartException;
import io.jfrp.web.WebServer;
import io.jfrp.web.WebServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
 *   <li>{@code vhost}: the shared http, https and tcpmux ports and their routing;</li>
 *   <li>{@code monitor} and {@code web}: the client registry, statistics and metrics
 *       ({@link ServerMonitor}, always made: login conflicts need the registry), and with
 *       {@code webServer.port} the dashboard API, {@code /metrics} and the dashboard
 *       ({@link DashboardServer}).</li>
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
    private final NatHoleCoordinator natHole;
    private final ClientListener listener;
    private final ServerMonitor monitor;
    private volatile WebServer webServer;
    /** sshTunnelGateway, or null when off. */
    private final SshTunnelGateway sshGateway;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @throws IOException when the TLS files or custom404Page cannot be read, or auth.tokenSource
     *                     cannot be resolved
     */
    public FrpServer(ServerConfig config) throws IOException {
        config = config.withAuth(config.auth().resolved()); // auth.tokenSource, once at start as frps
        this.config = config;
        this.loops = EventLoops.create();
        this.monitor = ServerMonitor.create(Clock.systemDefaultZone(), config.webServer().enabled(),
                config.enablePrometheus());
        try {
            this.security = new ServerSecurity(config, monitor.jfrpMeters());
            this.httpVhost = config.vhost().httpPort() == 0 ? null
                    : new HttpVhost(config.vhost(), config.proxyBindAddr(), security);
            this.tunnelVhosts = new TunnelVhosts(config.vhost(), config.proxyBindAddr(), loops, security);
            VisitorTargets visitorTargets = new VisitorTargets();
            this.natHole = XtcpCoordination.coordinator(config, loops.workerGroup().next());
            this.controls = new ControlContext(config, proxies(config, loops, httpVhost, tunnelVhosts, visitorTargets,
                    security, natHole, monitor.jfrpMeters()), visitorTargets, monitor, security,
                    config.httpPlugins().plugins().isEmpty()
                            ? ControlHooks.NONE : new ServerPlugins(config.httpPlugins(), loops.workerGroup()), natHole);
            List<Supplier<ChannelHandler>> bindPortSteps = new ArrayList<>();
            if (config.vhost().httpsPort() == config.bindPort()) { // frp's vhostHTTPSPort = bindPort
                tunnelVhosts.shareHttpsWithBindPort();
                bindPortSteps.add(tunnelVhosts::newBindPortHttpsStep);
            }
            if (httpVhost != null && config.vhost().httpPort() == config.bindPort()) { // vhostHTTPPort = bindPort
                httpVhost.shareWithBindPort();
                bindPortSteps.add(httpVhost::newBindPortStep);
            }
            this.listener = new ClientListener(config, loops, ServerTls.context(config.tls()),
                    () -> new FirstMessageHandler(controls), monitor.jfrpMeters(), bindPortSteps, security);
            if (config.sshTunnelGateway().enabled()) {
                OptionalJars.require(); // MINA SSHD
            }
            this.sshGateway = config.sshTunnelGateway().enabled()
                    ? new SshTunnelGateway(config, () -> new FirstMessageHandler(controls), security) : null;
        } catch (IOException | RuntimeException | Error e) { // an Error too: the loops are not daemons
            loops.close();
            monitor.close();
            throw e;
        }
    }

    /** The proxy types jfrps serves, with defences of their own (tests). */
    static ProxyTypeRegistry<ProxyFactory> proxies(ServerConfig config, EventLoops loops, HttpVhost httpVhost,
                                         TunnelVhosts tunnelVhosts, VisitorTargets visitorTargets,
                                         NatHoleCoordinator natHole) {
        return proxies(config, loops, httpVhost, tunnelVhosts, visitorTargets, new ServerSecurity(config), natHole,
                JfrpMeters.NOOP);
    }

    /** The proxy types jfrps serves: one line per type. */
    static ProxyTypeRegistry<ProxyFactory> proxies(ServerConfig config, EventLoops loops, HttpVhost httpVhost,
                                         TunnelVhosts tunnelVhosts, VisitorTargets visitorTargets,
                                         ServerSecurity security, NatHoleCoordinator natHole,
                                         JfrpMeters meters) {
        PortPolicy tcpPorts = new PortPolicy(config.allowPorts()::allows, config.maxPortsPerClient(),
                security.userPorts()::check);
        PublicPorts ports = new PublicPorts(tcpPorts, loops, config.proxyBindAddr());
        UdpPorts udpPorts = new UdpPorts(tcpPorts.otherProtocol(), loops, config.proxyBindAddr(), config.udpPacketSize(),
                meters::udpDatagramDropped);
        return ProxyTypeRegistry.<ProxyFactory>builder()
                .add(ProxyType.TCP, new TcpProxies(ports, loops.workerGroup().next()))
                .add(ProxyType.HTTP, HttpProxy.factory(httpVhost))
                .add(ProxyType.HTTPS, HttpsProxy.factory(tunnelVhosts))
                .add(ProxyType.TCPMUX, TcpMuxProxy.factory(tunnelVhosts))
                .add(ProxyType.UDP, UdpProxy.factory(udpPorts))
                .add(ProxyType.STCP, SecretProxy.factory(visitorTargets))
                .add(ProxyType.SUDP, SecretProxy.factory(visitorTargets))
                .add(ProxyType.XTCP, XtcpProxy.factory(natHole))
                .build();
    }

    /**
     * Binds bindPort, the vhost ports and the web server; the returned server is serving when this
     * returns.
     *
     * @throws WebServerStartException when the web server cannot start (its port, its TLS files)
     */
    public FrpServer start() throws InterruptedException {
        listener.start();
        tunnelVhosts.start(); // vhostHTTPSPort, tcpmuxHTTPConnectPort (when set)
        if (httpVhost != null) { // vhostHTTPPort
            httpVhost.start(loops);
        }
        if (sshGateway != null) { // sshTunnelGateway.bindPort
            try {
                sshGateway.start();
            } catch (IOException e) {
                throw new IllegalStateException("sshTunnelGateway: cannot listen on port "
                        + config.sshTunnelGateway().bindPort() + ": " + e.getMessage(), e);
            }
        }
        if (config.webServer().enabled()) {
            ServerInfo info = ServerInfo.of(config, listener.address().getPort());
            try {
                webServer = DashboardServer.start(webConfig(config.webServer()), () -> info, monitor);
            } catch (IOException | RuntimeException e) {
                throw new WebServerStartException(config.webServer(), e);
            }
        }
        log.info("jfrps listening on {} (tcpMux {}, TLS {}{})", listener.address(),
                config.tcpMux() ? "on" : "off", config.tls().force() ? "required" : "accepted",
                config.tls().trustedCaFile() != null ? ", client certificates required" : "");
        return this;
    }

    /** The web module's configuration of {@code webServer.*}. */
    static WebServerConfig webConfig(WebServerSettings s) {
        return new WebServerConfig(s.addr(), s.port(), s.user(), s.password(), s.certFile(), s.keyFile());
    }

    /** The address bindPort is bound to (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return listener.address();
    }

    /** The UDP address of kcpBindPort, or null when KCP is off. */
    public InetSocketAddress kcpAddress() {
        return listener.kcpAddress();
    }

    /** The UDP address of quicBindPort, or null when QUIC is off. */
    public InetSocketAddress quicAddress() {
        return listener.quicAddress();
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
        WebServer w = webServer;
        if (w != null) {
            w.close();
        }
        listener.close();
        if (sshGateway != null) {
            sshGateway.close();
        }
        tunnelVhosts.close();
        natHole.close();
        if (httpVhost != null) {
            httpVhost.close();
        }
        loops.close();
        monitor.close();
    }
}
