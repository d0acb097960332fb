package io.jfrp.server.control;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.server.proxy.ProxyFactory;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * What every control of one server shares: the settings, the registries of clients and proxy names,
 * the defences ({@link ServerSecurity}: credentials, limits, counters), and the proxy types served.
 * Thread-safe.
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
    /** Work connections relaying a public connection now; a closed one leaves by itself. */
    private final ChannelGroup workConnsInUse = new DefaultChannelGroup("work-connections-in-use",
            GlobalEventExecutor.INSTANCE);

    public ControlContext(ServerConfig config, ProxyTypeRegistry<ProxyFactory> proxies, ServerSecurity security) {
        this.config = config;
        this.proxies = proxies;
        this.security = security;
    }

    /** With defences of its own (tests). */
    public ControlContext(ServerConfig config, ProxyTypeRegistry<ProxyFactory> proxies) {
        this(config, proxies, new ServerSecurity(config));
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

    /** The key of control and work connection encryption of clients of the shared auth.token. */
    public CryptoKey tokenKey() {
        return security.credentials().shared("").key();
    }
}
