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
 *
 * @param config               the server's settings
 * @param proxies              the proxy types served and their factories
 * @param controls             logged-in clients by run id
 * @param hooks                what is asked before each operation of a client (server plugins;
 *                             {@link ControlHooks#NONE} without)
 * @param proxyNames           the proxy names in use across all clients, each with its owner
 * @param security             credentials, limits and counters
 * @param workConnectionsInUse the clients' work connections that carry a public connection now (frps'
 *                             current connections): taken from a pool and not closed yet; a closed one
 *                             leaves by itself
 * @param visitorTargets       the stcp and sudp proxies visitors may reach
 * @param natHole              xtcp's coordinator, or null when the server runs none
 * @param visitorAuthenticator checks a visitor's sign key against a proxy's secretKey
 * @param monitoring           where the controls report logins, proxies, traffic and refusals
 */
public record ControlContext(ServerConfig config, ProxyTypeRegistry<ProxyFactory> proxies, ControlRegistry controls,
                             ControlHooks hooks, ProxyNames proxyNames, ServerSecurity security,
                             ChannelGroup workConnectionsInUse, VisitorTargets visitorTargets,
                             NatHoleCoordinator natHole, VisitorAuthenticator visitorAuthenticator,
                             ControlMonitoring monitoring) {
    /**
     * detailedErrorsToClient: refusals (LoginResp, Pong) carry the detailed reason, e.g. "token in
     * login doesn't match token from configuration", rather than stock frps' summary ("register
     * control error"). Stock frps' default is true; jfrp does not read detailedErrorsToClient yet
     * (a file setting it to false is refused).
     */
    static final boolean DETAILED_ERRORS_TO_CLIENT = true;

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
        this(config, proxies, new ControlRegistry(), hooks, new ProxyNames(), security,
                new DefaultChannelGroup("work-connections-in-use", GlobalEventExecutor.INSTANCE), visitorTargets,
                natHole,
                // Stock frps does not look at a visitor's timestamp; jfrp allows what it allows a Login.
                new VisitorAuthenticator(config.loginMaxSkew(), Clock.systemUTC()),
                new ControlMonitoring(monitor));
    }

    /** The key of control and work connection encryption of clients of the shared auth.token. */
    public CryptoKey tokenKey() {
        return security.credentials().shared("").key();
    }
}
