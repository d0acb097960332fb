package io.jfrp.server.control;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import io.jfrp.protocol.auth.VisitorAuthenticator;
import io.jfrp.server.proxy.VisitorTargets;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.jfrp.server.monitor.ServerMonitor;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.time.Clock;

/**
 * What every control of one server shares: the settings, the registries of clients and proxy names,
 * the defences ({@link ServerSecurity}: credentials, token or OIDC, limits, counters), the proxy types
 * served, where events are reported ({@link ControlMonitoring}) and what is asked before each operation
 * ({@link ControlHooks}, the server plugins). Thread-safe.
 */
public final class ControlContext {
    /**
     * detailedErrorsToClient: refusals (LoginResp, Pong) carry the detailed reason, e.g. "token in
     * login doesn't match token from configuration", rather than stock frps' summary ("register
     * control error"). Stock frps' default is true; jfrp does not read detailedErrorsToClient yet
     * (a file setting it to false is refused).
     */
    static final boolean DETAILED_ERRORS_TO_CLIENT = true;

    private final ServerConfig config;
    private final ProxyTypeRegistry<ProxyFactory> proxies;
    private final ControlRegistry controls = new ControlRegistry();
    private final ProxyNames proxyNames = new ProxyNames();
    private final ServerSecurity security;
    private final VisitorTargets visitorTargets;
    private final VisitorAuthenticator visitorAuthenticator;
    private final ControlMonitoring monitoring;
    private final ControlHooks hooks;
    private final NatHoleCoordinator natHole;
    /** Work connections relaying a public connection now; a closed one leaves by itself. */
    private final ChannelGroup workConnsInUse = new DefaultChannelGroup("work-connections-in-use",
            GlobalEventExecutor.INSTANCE);

    /** Without statistics or metrics (the client registry alone, as frps without a web server), with defences of its own. */
    public ControlContext(ServerConfig config, ProxyTypeRegistry<ProxyFactory> proxies) {
        this(config, proxies, new VisitorTargets(), ServerMonitor.create(Clock.systemDefaultZone(), false, false),
                new ServerSecurity(config), ControlHooks.NONE);
    }

    /**
     * @param visitorTargets the stcp/sudp proxies visitors may reach (shared with their factory)
     * @param monitor        the server's statistics, metrics and client registry, told of every event
     * @param security       the server's defences: credentials (the token or OIDC, auth.method), limits, counters
     * @param hooks          asked before each operation (server plugins)
     */
    public ControlContext(ServerConfig config, ProxyTypeRegistry<ProxyFactory> proxies,
                          VisitorTargets visitorTargets, ServerMonitor monitor, ServerSecurity security,
                          ControlHooks hooks) {
        this(config, proxies, visitorTargets, monitor, security, hooks, null);
    }

    /**
     * @param visitorTargets the stcp/sudp proxies visitors may reach (shared with their factory)
     * @param monitor        the server's statistics, metrics and client registry, told of every event
     * @param security       the server's defences: credentials (the token or OIDC, auth.method), limits, counters
     * @param hooks          asked before each operation (server plugins)
     * @param natHole        xtcp's coordinator (shared with the xtcp proxies' factory); null: none
     */
    public ControlContext(ServerConfig config, ProxyTypeRegistry<ProxyFactory> proxies,
                          VisitorTargets visitorTargets, ServerMonitor monitor, ServerSecurity security,
                          ControlHooks hooks, NatHoleCoordinator natHole) {
        this.natHole = natHole;
        this.hooks = hooks;
        this.config = config;
        this.visitorTargets = visitorTargets;
        // Stock frps does not look at a visitor's timestamp; jfrp allows what it allows a Login.
        this.visitorAuthenticator = new VisitorAuthenticator(config.loginMaxSkew(), Clock.systemUTC());
        this.proxies = proxies;
        this.security = security;
        this.monitoring = new ControlMonitoring(monitor);
    }

    public ServerConfig config() {
        return config;
    }

    /** The proxy types served and their factories. */
    public ProxyTypeRegistry<ProxyFactory> proxies() {
        return proxies;
    }

    /** Logged-in clients by run id. */
    public ControlRegistry controls() {
        return controls;
    }

    /** What is asked before each operation of a client (server plugins; {@link ControlHooks#NONE} without). */
    public ControlHooks hooks() {
        return hooks;
    }

    ProxyNames proxyNames() {
        return proxyNames;
    }

    /** Credentials, limits and counters. */
    public ServerSecurity security() {
        return security;
    }

    /**
     * The clients' work connections that carry a public connection now (frps' current connections):
     * taken from a pool and not closed yet.
     */
    public ChannelGroup workConnectionsInUse() {
        return workConnsInUse;
    }

    /** The stcp and sudp proxies visitors may reach. */
    VisitorTargets visitorTargets() {
        return visitorTargets;
    }

    /** xtcp's coordinator, or null when the server runs none. */
    NatHoleCoordinator natHole() {
        return natHole;
    }

    /** Checks a visitor's sign key against a proxy's secretKey. */
    VisitorAuthenticator visitorAuthenticator() {
        return visitorAuthenticator;
    }

    /** Where the controls report logins, proxies, traffic and refusals. */
    public ControlMonitoring monitoring() {
        return monitoring;
    }

    /** The key of control and work connection encryption of clients of the shared auth.token. */
    public CryptoKey tokenKey() {
        return security.credentials().shared("").key();
    }
}
