package io.jfrp.server.vhost;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.PublicConnectionLimit;
import io.jfrp.server.security.ServerSecurity;
import io.jfrp.server.transport.EventLoops;
import io.jfrp.server.vhost.https.SharedPortSniRouter;
import io.jfrp.server.vhost.https.SniRouter;
import io.jfrp.server.vhost.tcpmux.HttpConnectRouter;
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
 * ({@link HttpConnectRouter}). Each port has its own table of routes, filled by the https and tcpmux
 * proxies ({@link TunnelRouteSet}); a port of 0 leaves its listener off.
 *
 * <p>Listeners bind on proxyBindAddr, as stock frps binds its vhost ports. A routed connection is
 * held, then relayed through the proxy's {@code WorkConnBridge}, first bytes included.
 */
public final class TunnelVhosts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TunnelVhosts.class);
    /** How long a client has to send its ClientHello or CONNECT request (stock frps: 30 s). */
    static final Duration ROUTING_TIMEOUT = Duration.ofSeconds(30);

    /** https routes by server name (routeByHTTPUser does not apply: TLS carries no user). */
    private final NameRoutes<TunnelTarget> https = new NameRoutes<>();
    /** tcpmux routes by CONNECT host and proxy user. */
    private final NameRoutes<TunnelTarget> tcpmux = new NameRoutes<>();

    private final VhostConfig vhost;
    private final String bindAddr;
    private final EventLoops loops;
    private final ServerSecurity security;
    private Channel httpsListener;
    private Channel tcpmuxListener;
    /** vhostHTTPSPort is bindPort: no listener of its own; the bind listener routes by SNI first. */
    private boolean httpsOnBindPort;

    /**
     * @param vhost    the vhost ports and their settings
     * @param bindAddr where to listen (frps' proxyBindAddr)
     */
    public TunnelVhosts(VhostConfig vhost, String bindAddr, EventLoops loops) {
        this(vhost, bindAddr, loops, null);
    }

    /** @param security the per-address limit of each port (null: none, for tests) */
    public TunnelVhosts(VhostConfig vhost, String bindAddr, EventLoops loops, ServerSecurity security) {
        this.vhost = vhost;
        this.bindAddr = bindAddr;
        this.loops = loops;
        this.security = security;
    }

    /** The vhost settings (ports, subDomainHost). */
    public VhostConfig config() {
        return vhost;
    }

    /** The routes of vhostHTTPSPort. */
    public NameRoutes<TunnelTarget> https() {
        return https;
    }

    /** The routes of tcpmuxHTTPConnectPort. */
    public NameRoutes<TunnelTarget> tcpmux() {
        return tcpmux;
    }

    /**
     * Serves the https proxies on bindPort instead of a vhostHTTPSPort listener (frp's
     * {@code vhostHTTPSPort = bindPort}): the bind listener puts {@link #newBindPortHttpsStep()} in
     * front of its own sniffing. Call before {@link #start()}.
     */
    public void shareHttpsWithBindPort() {
        httpsOnBindPort = true;
    }

    /**
     * The first handler of a bindPort connection when the https vhost shares that port
     * ({@link SharedPortSniRouter}): a ClientHello for an https proxy's name goes to that proxy,
     * everything else on to frp's transport. A connection taken by a proxy is no frp client: it
     * leaves the unauthenticated connections and their login deadline
     * ({@link PendingConnection#takenByPublicProxy()}).
     */
    public ChannelHandler newBindPortHttpsStep() {
        return new SharedPortSniRouter<TunnelTarget>(name -> https.lookup(name, ""), (connection, host, target) -> {
            PendingConnection pending = PendingConnection.of(connection);
            if (pending != null) {
                pending.takenByPublicProxy();
            }
            relay(connection, host, target);
        }, ROUTING_TIMEOUT.toMillis());
    }

    /** Binds the configured ports; throws when one cannot be bound. */
    public void start() throws InterruptedException {
        if (vhost.httpsPort() > 0 && !httpsOnBindPort) {
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
        log.debug("{} for [{}] goes to proxy [{}]", connection, host, target.bridge().proxyName());
        target.bridge().relay((DuplexChannel) connection, null);
    }

    private Channel bind(int port, String key, Consumer<Channel> setup) throws InterruptedException {
        PublicConnectionLimit perAddress = security == null ? null : security.newPublicConnectionLimit();
        ChannelHandler init = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (perAddress != null) {
                    ch.pipeline().addLast(PublicConnectionLimit.NAME, perAddress);
                }
                setup.accept(ch);
            }
        };
        InetSocketAddress address = new InetSocketAddress(bindAddr, port);
        var future = loops.serverBootstrap()
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
    @Override
    public void close() {
        if (httpsListener != null) {
            httpsListener.close();
        }
        if (tcpmuxListener != null) {
            tcpmuxListener.close();
        }
    }
}
