package io.jfrp.server.vhost.http;

import io.jfrp.config.model.PublicLimits;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.mux.LogBudget;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PublicConnectionLimit;
import io.jfrp.server.security.ServerSecurity;
import io.jfrp.server.transport.EventLoops;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import io.jfrp.server.vhost.NotFoundPages;
import java.nio.file.Files;

/**
 * The server's http vhost: the listener on vhostHTTPPort, the {@link HttpRouter} every http proxy
 * registers with, and the pages it answers with itself (404 for unknown hosts, custom404Page when
 * configured). Each public connection gets {@link HttpPublicInitializer}'s pipeline.
 *
 * <p>Thread-safe; {@link #start} and {@link #close} are called once by the server.
 */
public final class HttpVhost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpVhost.class);

    private final VhostConfig options;
    private final String bindAddr;
    private final ServerSecurity security;
    private final PublicLimits limits;
    /** The server's budget of lines peers cause before they authenticate (malformed requests). */
    private final LogBudget malformedRequestLog;
    private final HttpRouter router = new HttpRouter();
    private final byte[] notFoundPage;
    private Channel listener;
    private boolean onBindPort;

    /**
     * @param options  the vhost settings; {@link VhostConfig#httpPort()} must not be 0
     * @param bindAddr where to listen (frps' proxyBindAddr)
     * @throws IOException when custom404Page is set and cannot be read (a configuration error better
     *                     seen at start than on the first unknown host)
     */
    public HttpVhost(VhostConfig options, String bindAddr) throws IOException {
        this(options, bindAddr, null);
    }

    /**
     * @param security the public side's limits (per-address connections, request-head deadline,
     *                 header count) and their counters; null for the defaults, uncounted (tests)
     */
    public HttpVhost(VhostConfig options, String bindAddr, ServerSecurity security) throws IOException {
        if (options.httpPort() == 0) {
            throw new IllegalArgumentException("vhostHTTPPort is 0 (off)");
        }
        this.options = options;
        this.bindAddr = bindAddr;
        this.security = security;
        this.limits = security == null ? PublicLimits.DEFAULTS : security.settings().publicSide();
        this.malformedRequestLog = security == null ? new LogBudget() : security.preAuthLog();
        this.notFoundPage = options.custom404Page() == null ? NotFoundPages.orDefault(null)
                : readPage(options);
    }

    private static byte[] readPage(VhostConfig options) throws IOException {
        try {
            return Files.readAllBytes(options.custom404Page());
        } catch (IOException e) {
            throw new IOException("custom404Page " + options.custom404Page() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where a malformed request's line goes: the server's budget of pre-authentication lines. */
    LogBudget malformedRequestLog() {
        return malformedRequestLog;
    }

    public VhostConfig options() {
        return options;
    }

    public HttpRouter router() {
        return router;
    }

    /** The request-head deadline and header limit of this port. */
    PublicLimits limits() {
        return limits;
    }

    /**
     * Why {@code request}'s head is refused (its decoder's failure, or more header fields than
     * jfrp.security.httpMaxHeaders, counted when so), or null when it is well formed.
     */
    Throwable malformed(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return request.decoderResult().cause();
        }
        if (request.headers().size() <= limits.httpMaxHeaders()) {
            return null;
        }
        if (security != null) {
            security.count(CloseReason.HTTP_TOO_MANY_HEADERS, 1);
        }
        return new TooLongHttpHeaderException("more than " + limits.httpMaxHeaders() + " header fields");
    }

    /** The body of the 404 page (custom404Page, or ours). */
    byte[] notFoundPage() {
        return notFoundPage;
    }

    /**
     * Serves the http proxies on bindPort instead of a vhostHTTPPort listener (frp's
     * {@code vhostHTTPPort = bindPort}): the bind listener puts {@link #newBindPortStep()} in front
     * of its own sniffing, and {@link #start} binds nothing. Call before {@link #start}.
     */
    public synchronized void shareWithBindPort() {
        onBindPort = true;
    }

    /**
     * The handler that takes a bindPort connection starting with an HTTP request to this vhost
     * ({@link SharedPortHttpStep}); a new one per connection.
     */
    public ChannelHandler newBindPortStep() {
        return new SharedPortHttpStep(this);
    }

    /** Binds vhostHTTPPort on the server's event loops (unless it shares bindPort); returns when listening. */
    public synchronized void start(EventLoops loops) throws InterruptedException {
        if (onBindPort) {
            log.info("http vhost on bindPort {} (vhostHTTPPort = bindPort)", options.httpPort());
            return;
        }
        PublicConnectionLimit perAddress = security == null ? null : security.newPublicConnectionLimit();
        listener = loops.serverBootstrap()
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (perAddress != null) {
                            ch.pipeline().addLast(PublicConnectionLimit.NAME, perAddress);
                        }
                        HttpPublicInitializer.init(ch, HttpVhost.this);
                    }
                })
                .bind(new InetSocketAddress(bindAddr, options.httpPort())).sync().channel();
        log.info("http vhost listening on {} (HTTP/1.1 and h2c with prior knowledge)", listener.localAddress());
    }

    /** The address vhostHTTPPort is bound to; null when it shares bindPort (or is not started). */
    public synchronized InetSocketAddress address() {
        return listener == null ? null : (InetSocketAddress) listener.localAddress();
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
