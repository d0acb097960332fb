package io.jfrp.client;

import io.jfrp.client.control.Backoff;
import io.jfrp.client.control.ClientConnection;
import io.jfrp.client.control.ClientContext;
import io.jfrp.client.control.ConnectionEvents;
import io.jfrp.client.manage.ProxyManager;
import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.client.proxy.stream.StreamProxy;
import io.jfrp.client.servers.ServerLink;
import io.jfrp.client.servers.ServerLinkStatus;
import io.jfrp.client.proxy.udp.DatagramProxy;
import io.jfrp.client.transport.ClientEventLoops;
import io.jfrp.client.transport.ServerTransports;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.client.visitor.VisitorFactory;
import io.jfrp.client.visitor.Visitors;
import io.jfrp.client.visitor.stcp.StcpVisitor;
import io.jfrp.client.visitor.sudp.SudpVisitor;
import io.jfrp.client.xtcp.XtcpProxySide;
import io.jfrp.client.xtcp.XtcpRuntime;
import io.jfrp.client.xtcp.XtcpVisitor;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorType;
import io.jfrp.protocol.msg.NewProxyResp;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * jfrpc: keeps a connection to the server, logs in, starts its proxies, and serves work
 * connections; reconnects with exponential backoff and jitter when the connection is lost. Puts the
 * parts together; each does its job in its own package (see docs/ARCHITECTURE.md): {@code transport}
 * (reaching the server), {@code control} (login, control stream, work connections), {@code proxy}
 * (the client side of each proxy type, registered here), {@code visitor} (the visitors, whose types are
 * registered here too).
 *
 * <h3>Lifecycle</h3>
 * {@link #start()} makes the first attempt. If it fails and loginFailExit is set, the client stops
 * and {@link #terminated()} completes exceptionally with the reason; otherwise it keeps trying.
 * After a successful login any disconnect leads to a new attempt (1 s doubling to 20 s, plus up
 * to 50% jitter), logging in again with the previous run_id so the server replaces the old
 * control. {@link #close()} stops everything.
 *
 * <p>One FrpClient talks to one server ({@code serverAddr:serverPort}); a client of several servers
 * ({@code jfrp.servers}) is one FrpClient per server on shared loops ({@link MultiServerClient}).
 */
public final class FrpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrpClient.class);

    /** The proxy types jfrpc runs: one line per type (xtcp's shares the client's {@link XtcpRuntime}). */
    static ProxyTypeRegistry<ClientProxyFactory> proxies(XtcpRuntime xtcp, String user) {
        return ProxyTypeRegistry.<ClientProxyFactory>builder()
            .add(ProxyType.TCP, StreamProxy.FACTORY)
            .add(ProxyType.HTTP, StreamProxy.FACTORY)
            .add(ProxyType.HTTPS, StreamProxy.FACTORY)
            .add(ProxyType.TCPMUX, StreamProxy.FACTORY)
            .add(ProxyType.STCP, StreamProxy.FACTORY)
            .add(ProxyType.UDP, DatagramProxy.FACTORY)
            .add(ProxyType.SUDP, DatagramProxy.FACTORY)
            .add(ProxyType.XTCP, XtcpProxySide.factory(xtcp, user))
            .build();
    }

    /** The visitor types jfrpc runs: one line per type. */
    static Map<VisitorType, VisitorFactory> visitors(XtcpRuntime xtcp) {
        return Visitors.registry()
            .add(VisitorType.STCP, StcpVisitor.FACTORY)
            .add(VisitorType.SUDP, SudpVisitor.FACTORY)
            .add(VisitorType.XTCP, XtcpVisitor.factory(xtcp))
            .build();
    }

    private final ClientConfig config;
    private final ClientEventLoops loops;
    /** False when the loops are shared with the other servers' clients: their owner closes them. */
    private final boolean ownsLoops;
    private final ServerLink link;
    private final ClientContext context;
    private final Visitors visitors;
    private final ProxyManager proxies;
    private final XtcpRuntime xtcp;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(20));
    private final Map<String, NewProxyResp> proxyResults = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstLogin = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile ClientConnection current;
    /** Told when the connection goes online or offline (a client of several servers relinks its visitors). */
    private volatile Runnable linkListener = () -> { };
    private volatile String runId;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @throws IOException when the TLS files cannot be read, or auth.tokenSource cannot be resolved */
    public FrpClient(ClientConfig config) throws IOException {
        // auth.tokenSource, once at start as frpc (before the loops, which a failure would leak)
        this(config.withAuth(config.auth().resolved()), ClientEventLoops.create(), true);
    }

    /**
     * A client toward the first of {@code config.servers()} on {@code sharedLoops}, which it does not
     * close (a client of several servers).
     *
     * @throws IOException when the TLS files cannot be read, or auth.tokenSource cannot be resolved
     */
    public FrpClient(ClientConfig config, ClientEventLoops sharedLoops) throws IOException {
        this(config.withAuth(config.auth().resolved()), sharedLoops, false);
    }

    private FrpClient(ClientConfig config, ClientEventLoops loops, boolean ownsLoops) throws IOException {
        this.config = config;
        this.loops = loops;
        this.ownsLoops = ownsLoops;
        this.link = new ServerLink(config.servers().get(0), Clock.systemUTC());
        try {
            this.xtcp = new XtcpRuntime(config.natHoleStunServer(), () -> current, loops.group(),
                    config.transport().quic());
            this.proxies = new ProxyManager(config.user(), proxies(xtcp, config.user()),
                    new LocalDialer(loops.socketChannel(), config.dialServerTimeout(), loops.datagramChannel(),
                            config.udpPacketSize(), config.udpIdleTimeout()), loops.group());
            this.proxies.update(config.proxies(), Set.of());
            this.context = new ClientContext(config, loops, ServerTransports.create(config, loops), proxies,
                    new Events());
            this.visitors = new Visitors(config.visitors(), visitors(xtcp), new VisitorContext(config.user(), loops.group(),
                    loops.serverChannel(), loops.datagramChannel(), config.udpPacketSize(), () -> null));
            xtcp.visitors(visitors::visitor);
        } catch (IOException | RuntimeException e) {
            if (ownsLoops) {
                loops.close();
            }
            throw e;
        }
    }

    /** Starts connecting; the future completes with the first successful login, or its failure. */
    public CompletableFuture<Void> start() {
        visitors.start();
        attempt(true);
        return firstLogin;
    }

    /** Completes when the client has stopped: by {@link #close()}, or loginFailExit. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The server's last answer for each proxy, by proxy name (without the user prefix). */
    public Map<String, NewProxyResp> proxyResults() {
        Map<String, NewProxyResp> byName = new ConcurrentHashMap<>();
        String prefix = config.user().isEmpty() ? "" : config.user() + ".";
        proxyResults.forEach((wire, resp) ->
                byName.put(wire.startsWith(prefix) ? wire.substring(prefix.length()) : wire, resp));
        return byName;
    }

    /** The proxies as they run: phases, the server's answers, health checks. */
    public ProxyManager proxies() {
        return proxies;
    }

    /**
     * Makes the running proxies {@code wanted} (a reload, a store change): only the difference is
     * applied; an unchanged proxy keeps its connections.
     *
     * @param fromStore names of the proxies that come from the store
     * @throws IllegalArgumentException when a proxy's type is not one jfrpc runs (nothing changes then)
     */
    public ProxyManager.Changes updateProxies(List<ProxyConfig> wanted, Set<String> fromStore) {
        ProxyManager.Changes changes = proxies.update(wanted, fromStore);
        log.info("proxies: added {}, changed {}, removed {}, unchanged {}", changes.added(), changes.changed(),
                changes.removed(), changes.unchanged().size());
        return changes;
    }

    /** The configuration the client was started with. */
    public ClientConfig config() {
        return config;
    }

    /**
     * The work connections relaying to a local service now: with tcpMux, yamux streams whose windows
     * and queues can be read on their loops.
     */
    public List<Channel> workConnections() {
        return List.copyOf(context.workConnectionsInUse());
    }

    /** Where the connection to the server stands. */
    public ServerLinkStatus linkStatus() {
        return link.status();
    }

    /** True while logged in to the server. */
    public boolean isOnline() {
        return link.isOnline();
    }

    /** {@code listener} runs (on a loop) each time the connection goes online or is lost. */
    void onLinkChange(Runnable listener) {
        this.linkListener = listener;
    }

    /** The connection while logged in, else null: what a visitor of a several-server client goes through. */
    ClientConnection onlineConnection() {
        ClientConnection c = current;
        return link.isOnline() ? c : null;
    }

    /** The visitors, bound when the client started. */
    public Visitors visitors() {
        return visitors;
    }

    /** The run id the server gave at the last login, or null before any. */
    public String runId() {
        return runId;
    }

    private void attempt(boolean first) {
        if (closed.get()) {
            return;
        }
        ClientConnection connection = new ClientConnection(context, runId);
        current = connection;
        link.connecting();
        connection.connect().addListener(f -> {
            if (f.isSuccess()) {
                runId = connection.runId();
                link.online(runId);
                visitors.link(connection);
                linkListener.run();
                backoff.reset();
                firstLogin.complete(null);
                return;
            }
            Throwable cause = f.cause();
            if (first && config.loginFailExit()) {
                log.error("login to the server failed: {}. With loginFailExit = true, jfrpc exits; set it to "
                        + "false to keep retrying", describe(cause));
                firstLogin.completeExceptionally(cause);
                terminated.completeExceptionally(cause);
                close();
                return;
            }
            log.warn("connecting to {}:{} failed: {}", config.serverAddr(), config.serverPort(), describe(cause));
            link.retrying(describe(cause));
            if (first) {
                firstLogin.completeExceptionally(cause);
            }
            scheduleReconnect(backoff.nextDelay());
        });
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private void scheduleReconnect(Duration delay) {
        if (closed.get()) {
            return;
        }
        log.info("reconnecting in {} ms", delay.toMillis());
        loops.group().schedule(() -> attempt(false), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the connections tell the client. */
    private final class Events implements ConnectionEvents {
        @Override
        public void onLoggedIn(ClientContext context, Channel control) {
            proxies.connected(control);
            control.closeFuture().addListener(f -> proxies.disconnected(control));
        }

        @Override
        public void onProxyResult(NewProxyResp resp) {
            proxyResults.put(resp.proxyName(), resp);
            proxies.onNewProxyResp(resp);
        }

        /** The connection ended; try again unless closed. Called on the connection's event loop. */
        @Override
        public void onDisconnected(ClientConnection connection) {
            visitors.unlink(connection);
            if (connection == current && connection.runId() != null && !closed.get()) {
                log.warn("connection to the server {}:{} lost; reconnecting", config.serverAddr(), config.serverPort());
                link.retrying("connection lost");
                linkListener.run();
                proxyResults.clear();
                scheduleReconnect(backoff.afterLoss());
            }
        }
    }

    /**
     * Stops as frpc's {@code /api/stop} does: every proxy is withdrawn (CloseProxy), then after
     * {@code grace} the connection closes and the client stops ({@link #terminated()} completes).
     * Returns at once.
     */
    public void gracefulClose(Duration grace) {
        proxies.close();
        loops.group().schedule(this::close, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        link.closed();
        visitors.close();
        proxies.close();
        xtcp.close();
        ClientConnection c = current;
        if (c != null) {
            c.close();
        }
        if (ownsLoops) {
            loops.close();
        }
        terminated.complete(null);
    }
}
