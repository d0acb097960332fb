package io.jfrp.server;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.server.routing.NameRoutes;
import io.jfrp.server.tcpmux.HttpConnectRouter;
import io.jfrp.server.vhost.https.SniRouter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The server's name-routed ports whose connections are tunnelled unchanged to one proxy: https
 * proxies on vhostHTTPSPort, routed by the TLS ClientHello's server name ({@link SniRouter}), and
 * tcpmux proxies on tcpmuxHTTPConnectPort, routed by an HTTP CONNECT request
 * ({@link HttpConnectRouter}). Each port has its own table of routes, filled by the proxies
 * ({@link NameRoutedProxy}); a port of 0 leaves its listener off.
 *
 * <p>Listeners bind on proxyBindAddr, as stock frps binds its vhost ports. A routed connection is
 * held, then relayed through the proxy's {@link WorkConnBridge}, first bytes included.
 */
final class TunnelVhosts {
    private static final Logger log = LoggerFactory.getLogger(TunnelVhosts.class);
    /** How long a client has to send its ClientHello or CONNECT request (stock frps: 30 s). */
    static final Duration ROUTING_TIMEOUT = Duration.ofSeconds(30);

    /** https routes by server name (routeByHTTPUser does not apply: TLS carries no user). */
    final NameRoutes<TunnelTarget> https = new NameRoutes<>();
    /** tcpmux routes by CONNECT host and proxy user. */
    final NameRoutes<TunnelTarget> tcpmux = new NameRoutes<>();

    private final ServerContext server;
    private Channel httpsListener;
    private Channel tcpmuxListener;

    TunnelVhosts(ServerContext server) {
        this.server = server;
    }

    /** Binds the configured ports; throws when one cannot be bound. */
    void start() throws InterruptedException {
        VhostConfig vhost = server.options.vhost();
        if (vhost.httpsPort() > 0) {
            httpsListener = bind(vhost.httpsPort(), "vhostHTTPSPort", ch -> ch.pipeline().addLast("sni-router",
                    new SniRouter<TunnelTarget>(name -> https.lookup(name, ""), TunnelVhosts::relay,
                            ROUTING_TIMEOUT.toMillis())));
        }
        if (vhost.tcpmuxHttpConnectPort() > 0) {
            boolean passthrough = vhost.tcpmuxPassthrough();
            byte[] notFoundPage = notFoundPage(vhost);
            tcpmuxListener = bind(vhost.tcpmuxHttpConnectPort(), "tcpmuxHTTPConnectPort", ch ->
                    HttpConnectRouter.install(ch.pipeline(), tcpmux::lookup, TunnelVhosts::relay, passthrough,
                            ROUTING_TIMEOUT, notFoundPage));
        }
    }

    /** custom404Page's content, read once; null (our page) when not set or unreadable, as frps falls back. */
    private static byte[] notFoundPage(VhostConfig vhost) {
        if (vhost.custom404Page() == null) {
            return null;
        }
        try {
            return java.nio.file.Files.readAllBytes(vhost.custom404Page());
        } catch (java.io.IOException e) {
            log.warn("custom404Page {} cannot be read ({}); tcpmux answers unknown hosts with its own page",
                    vhost.custom404Page(), e.toString());
            return null;
        }
    }

    private static void relay(Channel connection, String host, TunnelTarget target) {
        log.debug("{} for [{}] goes to proxy [{}]", connection, host, target.bridge().proxy().proxyName());
        target.bridge().relay((DuplexChannel) connection, null);
    }

    private Channel bind(int port, String key, Consumer<Channel> setup) throws InterruptedException {
        ChannelHandler init = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                setup.accept(ch);
            }
        };
        InetSocketAddress address = new InetSocketAddress(server.options.proxyBindAddr(), port);
        var future = new ServerBootstrap()
                .group(server.acceptGroup, server.workerGroup)
                .channel(server.serverChannelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(init)
                .bind(address).await();
        if (!future.isSuccess()) {
            throw new IllegalStateException(key + " " + address + " cannot be bound: " + future.cause().getMessage(),
                    future.cause());
        }
        log.info("jfrps {} listening on {}", key, future.channel().localAddress());
        return future.channel();
    }

    /** Closes the listeners (connections already routed carry on until the server stops). */
    void close() {
        if (httpsListener != null) {
            httpsListener.close();
        }
        if (tcpmuxListener != null) {
            tcpmuxListener.close();
        }
    }
}
