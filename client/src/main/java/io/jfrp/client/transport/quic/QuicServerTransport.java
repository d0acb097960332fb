package io.jfrp.client.transport.quic;

import io.jfrp.client.transport.ClientEventLoops;
import io.jfrp.client.transport.ServerAddresses;
import io.jfrp.client.transport.ServerSession;
import io.jfrp.client.transport.ServerTransport;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.protocol.transport.quic.QuicKeepalive;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * frp's {@code quic} transport: one QUIC connection to serverAddr:serverPort (the server's
 * quicBindPort) per session, from a UDP socket of its own, TLS 1.3 with ALPN "frp"
 * ({@link QuicClientTls}); every frp connection is a bidirectional stream of it. transport.quic sets
 * the idle timeout, the keepalive ({@link QuicKeepalive}) and how many streams the server may open
 * (it opens none). Netty's QUIC codec (quiche) does the protocol. tcpMux does not apply (frp ignores
 * it for quic too); a proxyURL neither.
 *
 * <p>Thread-safe.
 */
public final class QuicServerTransport implements ServerTransport {
    private static final Logger log = LoggerFactory.getLogger(QuicServerTransport.class);
    /** Bytes one stream may have in flight toward us (quiche does not grow windows by itself). */
    static final long STREAM_WINDOW = 4L * 1024 * 1024;
    /** Bytes all streams of a connection may have in flight toward us. */
    static final long CONNECTION_WINDOW = 16L * 1024 * 1024;
    /**
     * Receive and send buffer asked of the UDP socket: the kernel's default (about 200 KiB) overflows
     * when a burst of a fast stream arrives while the loop is busy, and each datagram dropped there is
     * a loss to QUIC's congestion control (quic-go asks for 7 MiB). Linux caps it at
     * net.core.rmem_max / wmem_max.
     */
    static final int UDP_SOCKET_BUFFER = 4 * 1024 * 1024;
    /** DATAGRAM frames queued each way (the keepalive sends one at a time). */
    static final int DATAGRAM_QUEUE = 8;

    private final ClientConfig config;
    private final ClientEventLoops loops;
    private final QuicSslContext tls;
    private final String serverName;

    /** @throws IOException when a TLS file cannot be read */
    public QuicServerTransport(ClientConfig config, ClientEventLoops loops) throws IOException {
        this.config = config;
        this.loops = loops;
        this.tls = QuicClientTls.context(config.tls());
        String name = config.tls().serverName().isEmpty() ? config.serverAddr() : config.tls().serverName();
        this.serverName = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    @Override
    public Future<ServerSession> openSession() {
        EventLoop loop = loops.group().next();
        Promise<ServerSession> opened = loop.newPromise();
        ScheduledFuture<?> deadline = loop.schedule(() -> opened.tryFailure(new IOException("no QUIC handshake with "
                        + config.serverAddr() + ":" + config.serverPort() + " within "
                        + config.dialServerTimeout().toSeconds() + " s")),
                config.dialServerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        opened.addListener(f -> deadline.cancel(false));
        ServerAddresses.resolve(loop, config.serverAddr(), config.serverPort(), opened,
                server -> open(loop, server, opened));
        return opened;
    }

    private void open(EventLoop loop, InetSocketAddress server, Promise<ServerSession> opened) {
        QuicOptions quic = config.transport().quic();
        ChannelHandler codec = new QuicClientCodecBuilder()
                .sslEngineProvider(q -> tls.newEngine(q.alloc(), serverName, server.getPort()))
                .maxIdleTimeout(quic.maxIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamsBidirectional(quic.maxIncomingStreams())
                .datagram(DATAGRAM_QUEUE, DATAGRAM_QUEUE)
                .build();
        ChannelFuture bound = new Bootstrap().group(loop).channel(loops.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, UDP_SOCKET_BUFFER).option(ChannelOption.SO_SNDBUF, UDP_SOCKET_BUFFER)
                .handler(codec).bind(new InetSocketAddress(0));
        bound.addListener((ChannelFuture b) -> {
            if (!b.isSuccess()) {
                opened.tryFailure(b.cause());
                return;
            }
            Channel udp = b.channel();
            CloseReason reason = new CloseReason();
            QuicChannel.newBootstrap(udp)
                    .handler(new ChannelInitializer<QuicChannel>() {
                        @Override
                        protected void initChannel(QuicChannel ch) {
                            ch.pipeline().addLast("keepalive", new QuicKeepalive(quic.keepalivePeriod()));
                            ch.pipeline().addLast("close-reason", reason);
                        }
                    })
                    .streamHandler(new RefuseServerStreams())
                    .remoteAddress(server)
                    .connect()
                    .addListener(c -> {
                        if (!c.isSuccess()) {
                            udp.close();
                            opened.tryFailure(c.cause());
                            return;
                        }
                        QuicServerSession session = new QuicServerSession((QuicChannel) c.getNow(), udp,
                                quic.maxIdleTimeout());
                        reason.session = session;
                        if (!opened.trySuccess(session)) {
                            session.close();
                        }
                    });
        });
    }

    /** Remembers why the server closed the connection, for the login's failure and the log. */
    private static final class CloseReason extends ChannelInboundHandlerAdapter {
        QuicServerSession session;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof QuicConnectionCloseEvent close && session != null) {
                String text = new String(close.reason(), StandardCharsets.UTF_8);
                session.closedByServer(new IOException("the server closed the QUIC connection (" + (close.isTlsError()
                        ? "TLS alert " + QuicConnectionCloseEvent.extractTlsError(close.error()) : "error " + close.error())
                        + (text.isEmpty() ? "" : ": " + text) + ")"));
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** frp's server never opens streams toward the client: any it opens is closed. */
    @ChannelHandler.Sharable
    private static final class RefuseServerStreams extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            log.debug("closing stream {} opened by the server", ctx.channel());
            ctx.close();
        }
    }
}
