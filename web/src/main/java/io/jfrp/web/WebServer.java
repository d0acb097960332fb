package io.jfrp.web;

import io.jfrp.certs.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded HTTP/1.1 server of jfrps and jfrpc, with frp's conventions (OPERATIONS.md section 1).
 *
 * <h3>What every server has</h3>
 * <ul>
 *   <li>{@code GET /healthz}: 200 with an empty body, without credentials.</li>
 *   <li>HTTP basic auth on everything else when a user or password is configured; a failure waits
 *       200 ms, then answers 401 with {@code WWW-Authenticate: Basic realm="Restricted"} and
 *       {@code Unauthorized}.</li>
 *   <li>Optional TLS from PEM files ({@code webServer.tls.certFile/keyFile}), via jfrp-certs.</li>
 *   <li>Keep-alive, one request at a time per connection, and the bounds of
 *       {@link WebServerLimits}: frp's 60 s read and write timeouts, size limits on request heads
 *       and bodies, a cap on connections.</li>
 * </ul>
 * The program adds its routes to {@link #router()}; handlers run on a small pool of their own
 * threads ({@code jfrp-web-handler-*}), I/O on one event loop thread ({@code jfrp-web-io-*}): the
 * server is for operators and monitoring, not for traffic.
 *
 * <h3>Pipeline</h3>
 * {@code [SslHandler] → ReadDeadline → WriteTimeoutHandler → HttpServerCodec → AuthGate →
 * BoundedAggregator → RequestDispatcher}.
 *
 * <h3>Lifecycle</h3>
 * {@link #start} binds (failing with the address in the message), {@link #close} stops accepting,
 * closes connections and stops the threads. Not restartable.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** frp's {@code SetAuthFailDelay(200 * time.Millisecond)}. */
    static final long AUTH_FAIL_DELAY_MILLIS = 200;

    private final WebServerConfig config;
    private final WebServerLimits limits;
    private final Router router = new Router();
    private final BasicAuthenticator authenticator;
    private final SslContext sslContext;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConnectionsPerAddress perAddress;
    private EventLoopGroup group;
    private ExecutorService handlerPool;
    private Channel serverChannel;
    private boolean closed;

    /**
     * A server for {@code config}; reads the TLS files now so a bad certificate fails at startup
     * with the file's name.
     */
    public WebServer(WebServerConfig config, WebServerLimits limits) throws IOException {
        this.config = Objects.requireNonNull(config, "config");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.perAddress = new ConnectionsPerAddress(limits.maxConnectionsPerAddress());
        this.authenticator = new BasicAuthenticator(config.user(), config.password());
        this.sslContext = config.tls().isPresent()
                ? TlsContexts.server(config.tls().get().certFile(), config.tls().get().keyFile(), null)
                : null;
        router.publicRoute(HttpMethod.GET, "/healthz", request -> WebResponse.ok());
    }

    /** The routes; add the program's before or after {@link #start}. */
    public Router router() {
        return router;
    }

    public WebServerConfig config() {
        return config;
    }

    /**
     * Binds {@code config.addr():config.port()} and starts serving.
     *
     * @throws IllegalStateException when the port is 0, which in frp's configuration means "no web
     *                               server": the program should not have created one
     */
    public WebServer start() throws IOException {
        if (!config.enabled()) {
            throw new IllegalStateException("webServer.port is 0: the web server is disabled");
        }
        return bind(config.port());
    }

    /** Binds an ephemeral port on {@code config.addr()} whatever {@code config.port()} says (tests, embedding). */
    public WebServer startOnAnyPort() throws IOException {
        return bind(0);
    }

    private synchronized WebServer bind(int port) throws IOException {
        if (group != null) {
            throw new IllegalStateException("already started");
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jfrp-web-io", true),
                NioIoHandler.newFactory());
        handlerPool = Executors.newFixedThreadPool(2, new DefaultThreadFactory("jfrp-web-handler", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections.incrementAndGet() > limits.maxConnections()) {
                            connections.decrementAndGet();
                            log.debug("{}: over {} connections, closing", ch.remoteAddress(), limits.maxConnections());
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.decrementAndGet());
                        if (!perAddress.admit(ch)) {
                            log.debug("{}: over {} connections from its address, closing", ch.remoteAddress(),
                                    limits.maxConnectionsPerAddress());
                            ch.close();
                            return;
                        }
                        initPipeline(ch.pipeline(), ch);
                    }
                });
        InetSocketAddress address = config.addr().isEmpty()
                ? new InetSocketAddress(port)
                : new InetSocketAddress(config.addr(), port);
        try {
            serverChannel = bootstrap.bind(address).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("web server cannot listen on " + config.addr() + ":" + port + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("web server listening on {}://{}:{}", sslContext == null ? "http" : "https", bound.getHostString(), bound.getPort());
        return this;
    }

    private void initPipeline(ChannelPipeline p, SocketChannel ch) {
        if (sslContext != null) {
            p.addLast(sslContext.newHandler(ch.alloc()));
        }
        p.addLast(new ReadDeadline(limits.idleTimeout(), limits.readTimeout()));
        p.addLast(new WriteTimeoutHandler(limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast(new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())));
        p.addLast(new AuthGate(authenticator, router));
        p.addLast(new BoundedAggregator(limits.maxBodySize()));
        p.addLast(new RequestDispatcher(router, handlerPool, AUTH_FAIL_DELAY_MILLIS, limits.maxPipelined()));
    }

    /** The bound address. */
    public InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The port actually bound. */
    public int port() {
        return localAddress().getPort();
    }

    /** Whether the server speaks HTTPS. */
    public boolean tls() {
        return sslContext != null;
    }

    /** Open connections now. */
    public int openConnections() {
        return connections.get();
    }

    /** Stops the server; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (handlerPool != null) {
            handlerPool.shutdownNow();
        }
    }
}
