package io.jfrp.server;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.netty.channel.EventLoopGroup;

/**
 * What every control of one server shares: settings, the registries of clients, proxy names and
 * ports, authentication, and the event loops public listeners run on. Thread-safe.
 */
final class ServerContext {
    /**
     * detailedErrorsToClient: refusals (LoginResp, Pong) carry the detailed reason, e.g. "token in
     * login doesn't match token from configuration", rather than stock frps' summary ("register
     * control error"). Stock frps' default is true; jfrp does not read detailedErrorsToClient yet.
     */
    static final boolean DETAILED_ERRORS_TO_CLIENT = true;

    final ServerConfig options;
    final ControlRegistry controls = new ControlRegistry();
    final ProxyNames proxyNames = new ProxyNames();
    final PortPolicy ports;
    final TokenAuthenticator authenticator;
    final CryptoKey tokenKey;
    final EventLoopGroup acceptGroup;
    final EventLoopGroup workerGroup;
    final Class<? extends io.netty.channel.ServerChannel> serverChannelClass;
    /** https (SNI) and tcpmux (HTTP CONNECT) ports and their routes. */
    final TunnelVhosts tunnelVhosts;
    /** tcp load-balancing groups and their shared listeners. */
    final io.jfrp.server.group.TcpGroups tcpGroups;

    /** The http vhost on vhostHTTPPort, or null when it is off. */
    final io.jfrp.server.vhost.HttpVhost httpVhost;

    /** @throws java.io.IOException when custom404Page is set and cannot be read */
    ServerContext(ServerConfig options, EventLoopGroup acceptGroup, EventLoopGroup workerGroup,
                  Class<? extends io.netty.channel.ServerChannel> serverChannelClass) throws java.io.IOException {
        this.options = options;
        this.ports = new PortPolicy(options.allowPorts()::allows, options.maxPortsPerClient());
        this.authenticator = new TokenAuthenticator(options.auth().token(), options.auth().additionalScopes(),
                options.loginMaxSkew());
        this.tokenKey = CryptoKey.fromSecret(options.auth().token());
        this.acceptGroup = acceptGroup;
        this.workerGroup = workerGroup;
        this.serverChannelClass = serverChannelClass;
        this.httpVhost = options.vhost().httpPort() == 0 ? null
                : new io.jfrp.server.vhost.HttpVhost(options.vhost(), options.proxyBindAddr());
        this.tunnelVhosts = new TunnelVhosts(this);
        this.tcpGroups = new io.jfrp.server.group.TcpGroups(new ServerGroupListeners(this));
    }
}
