package io.jfrp.server.transport;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.PreAuthGuard;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * The listener frp clients connect to (bindAddr:bindPort), and the layers every connection gets
 * before its first frp message:
 * <ol>
 *   <li>{@link PreAuthGuard}: admission (limits on connections not logged in, addresses refused after
 *       failed logins) and the deadlines for the first byte and the login;</li>
 *   <li>{@link TransportSniffer}: TLS (0x16, or frp's 0x17 marker then TLS) or plain, by the first byte;</li>
 *   <li>with tcpMux a {@link YamuxSession} in the server role; each stream the client opens is one
 *       control or work connection. Until the Login is accepted the session admits only
 *       jfrp.security.maxStreamsBeforeLogin streams at once;</li>
 *   <li>frp message framing ({@link FrpPipelines#addMessageCodec}) and the handler of the first
 *       message, from {@code firstMessage} (the control package's), on the connection (no tcpMux) or
 *       on each stream.</li>
 * </ol>
 * Knows nothing of what the messages mean.
 */
public final class ClientListener implements AutoCloseable {
    private final ServerConfig config;
    private final EventLoops loops;
    private final SslContext sslContext;
    private final Supplier<ChannelHandler> firstMessage;
    private final ServerSecurity security;
    private Channel listener;

    /**
     * @param firstMessage a new handler for the first frp message of a connection or stream
     * @param security     admission and deadlines before authentication
     */
    public ClientListener(ServerConfig config, EventLoops loops, SslContext sslContext,
                          Supplier<ChannelHandler> firstMessage, ServerSecurity security) {
        this.config = config;
        this.loops = loops;
        this.sslContext = sslContext;
        this.firstMessage = firstMessage;
        this.security = security;
    }

    /** Binds bindAddr:bindPort; serving when this returns. */
    public void start() throws InterruptedException {
        listener = loops.serverBootstrap()
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(PreAuthGuard.NAME, new PreAuthGuard(security));
                        ch.pipeline().addLast("transport", new TransportSniffer(sslContext, config.tls().force(),
                                security.settings().preAuth().tlsHandshakeTimeout(), ClientListener.this::afterTransport));
                    }
                })
                .bind(new InetSocketAddress(config.bindAddr(), config.bindPort())).sync().channel();
    }

    /** Installs the session or the message handlers once the transport (TLS or plain) is settled. */
    private void afterTransport(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (config.tcpMux()) {
            YamuxSession session = new YamuxSession(YamuxRole.SERVER, config.mux(), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    FrpPipelines.addMessageCodec(stream.pipeline());
                    stream.pipeline().addLast("first-message", firstMessage.get());
                }
            });
            PendingConnection pending = PendingConnection.of(ctx.channel());
            if (pending != null) {
                limitStreamsUntilLogin(session, pending);
            }
            p.addLast("yamux", session);
        } else {
            FrpPipelines.addMessageCodec(p);
            p.addLast("first-message", firstMessage.get());
        }
    }

    /**
     * A session that has not logged in may hold a few streams (a stock frpc opens one for its Login);
     * after the Login, jfrp.mux.max-inbound-streams. What was refused before the Login is counted when
     * the connection closes unauthenticated.
     */
    private void limitStreamsUntilLogin(YamuxSession session, PendingConnection pending) {
        session.setMaxInboundStreams(security.settings().preAuth().maxStreamsBeforeLogin());
        pending.onAuthenticated(() -> session.setMaxInboundStreams(config.mux().maxInboundStreams()));
        pending.connection().closeFuture().addListener(f -> {
            if (!pending.isAuthenticated()) {
                security.count(CloseReason.STREAM_BEFORE_LOGIN, session.stats().refusedInboundLimit());
            }
        });
    }

    /** The address bindPort is bound to (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
