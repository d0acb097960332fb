package io.jfrp.server;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.certs.TlsContexts;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jfrps: accepts frp clients on bindPort and serves their proxies.
 *
 * <h3>Connection layering</h3>
 * Each connection to bindPort: {@link TransportSniffer} (TLS or plain), then with tcpMux a
 * {@link YamuxSession} in the server role whose every stream gets frp message framing and a
 * {@link FirstMessageHandler}; without tcpMux the connection itself gets them. The first message
 * decides: Login makes a {@link ServerControl}, NewWorkConn joins a client's pool.
 *
 * <h3>TLS</h3>
 * With transport.tls.certFile/keyFile the server presents that certificate; without, a
 * self-signed one kept in {@link ServerConfig#tls().selfSignedDir()} (made on first start). With
 * transport.tls.trustedCaFile, clients must present a certificate from that CA.
 */
public final class FrpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrpServer.class);
    /** Netty's graceful-shutdown quiet period; see {@link #close()}. */
    static final long SHUTDOWN_QUIET_MILLIS = 50;

    private final ServerConfig options;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup workerGroup;
    private final ServerContext context;
    private final SslContext sslContext;
    private Channel listener;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public FrpServer(ServerConfig options) throws IOException {
        this.options = options;
        boolean epoll = Transports.epollRequested();
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(0,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        this.context = new ServerContext(options, acceptGroup, workerGroup, serverChannel);
        this.sslContext = tlsContext(options);
    }

    private static SslContext tlsContext(ServerConfig options) throws IOException {
        if (options.tls().certFile() != null) {
            return TlsContexts.server(options.tls().certFile(), options.tls().keyFile(), options.tls().trustedCaFile());
        }
        SelfSignedServerCertificate self = SelfSignedServerCertificate.loadOrCreate(options.tls().selfSignedDir());
        CertifiedKey key = self.certifiedKey();
        List<java.security.cert.X509Certificate> cas = options.tls().trustedCaFile() == null ? List.of()
                : io.jfrp.certs.PemFiles.readCertificates(options.tls().trustedCaFile());
        return TlsContexts.server(key, cas, TlsContexts.defaultProvider());
    }

    /** Binds bindPort; the returned server is serving when this returns. */
    public FrpServer start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptGroup, workerGroup)
                .channel(context.serverChannelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("transport",
                                new TransportSniffer(sslContext, options.tls().force(), FrpServer.this::afterTransport));
                    }
                });
        listener = b.bind(new InetSocketAddress(options.bindAddr(), options.bindPort())).sync().channel();
        context.tunnelVhosts.start(); // vhostHTTPSPort, tcpmuxHTTPConnectPort (when set)
        if (context.httpVhost != null) { // vhostHTTPPort
            context.httpVhost.start(acceptGroup, workerGroup, context.serverChannelClass);
        }
        log.info("jfrps listening on {} (tcpMux {}, TLS {}{})", listener.localAddress(),
                options.tcpMux() ? "on" : "off", options.tls().force() ? "required" : "accepted",
                options.tls().trustedCaFile() != null ? ", client certificates required" : "");
        return this;
    }

    /** Installs the session or the message handlers once the transport (TLS or plain) is settled. */
    private void afterTransport(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (options.tcpMux()) {
            p.addLast("yamux", new YamuxSession(YamuxRole.SERVER, options.mux(), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    FrpPipelines.addMessageCodec(stream.pipeline());
                    stream.pipeline().addLast("first-message", new FirstMessageHandler(context));
                }
            }));
        } else {
            FrpPipelines.addMessageCodec(p);
            p.addLast("first-message", new FirstMessageHandler(context));
        }
    }

    /** The address bindPort is bound to (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The address of the http vhost listener (vhostHTTPPort), or null when it is off. */
    public InetSocketAddress httpVhostAddress() {
        return context.httpVhost == null ? null : context.httpVhost.address();
    }

    /** Clients logged in now. */
    public int clientCount() {
        return context.controls.size();
    }

    /** Stops the server; later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (context.httpVhost != null) {
            context.httpVhost.close();
        }
        // A quiet period above zero: with zero, Netty 4.2's SingleThreadIoEventLoop can terminate
        // without closing its channels (prepareToDestroy is skipped when shutdown is requested just
        // after the loop checked for it), leaking e.g. proxy listeners that then hold their ports.
        acceptGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
