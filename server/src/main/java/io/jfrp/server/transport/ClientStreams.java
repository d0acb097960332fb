package io.jfrp.server.transport;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxSessionListener;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.wire.ServerWireSettings;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

import java.util.function.Supplier;

/**
 * What every transport does once a client's connection carries bytes (after TLS, WebSocket, KCP):
 * with tcpMux a {@link YamuxSession} in the server role whose streams are the client's frp
 * connections, without it the connection itself is one; and on each frp connection (QUIC's streams
 * come here directly) the wire protocol detection (v1, or v2 with its hellos) and the handler of the
 * first message. Until its Login is accepted a session admits only
 * jfrp.security.maxStreamsBeforeLogin streams at once (a QUIC connection only that many streams in
 * all, {@link #admitQuicStream}). Knows nothing of what the messages mean.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientStreams {
    private final ServerConfig config;
    private final ServerWireSettings wire;
    private final Supplier<ChannelHandler> firstMessage;
    private final JfrpMeters meters;
    private final ServerSecurity security;
    private final YamuxSessionListener sessionEvents;

    /**
     * @param firstMessage a new handler for the first frp message of a connection or stream
     * @param meters       told of yamux streams and window stalls (and, through {@link #meters}, of
     *                     the transports' TLS handshakes and refusals)
     * @param security     admission, deadlines and limits before authentication
     */
    public ClientStreams(ServerConfig config, Supplier<ChannelHandler> firstMessage, JfrpMeters meters,
                         ServerSecurity security) {
        this.config = config;
        this.wire = ServerWireSettings.forToken(config.auth().token(), FrpVersion.SPOKEN);
        this.firstMessage = firstMessage;
        this.meters = meters;
        this.security = security;
        this.sessionEvents = new YamuxSessionListener() {
            @Override
            public void streamOpened() {
                meters.muxStreamOpened();
            }

            @Override
            public void streamClosed() {
                meters.muxStreamClosed();
            }

            @Override
            public void windowStalled() {
                meters.muxWindowStalled();
            }
        };
    }

    /** What the transports in front of these streams report to. */
    public JfrpMeters meters() {
        return meters;
    }

    /** The defences before authentication (the transports' admission and deadlines). */
    public ServerSecurity security() {
        return security;
    }

    /** Installs the session or the frp connection's handlers after {@code ctx}, once the transport is settled. */
    public void afterTransport(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (config.tcpMux()) {
            YamuxSession session = new YamuxSession(YamuxRole.SERVER, config.mux(), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    initFrpConnection(stream);
                }
            }).listener(sessionEvents);
            PendingConnection pending = PendingConnection.of(ctx.channel());
            if (pending != null) {
                limitStreamsUntilLogin(session, pending);
            }
            p.addLast("yamux", session);
        } else {
            initFrpConnection(ctx.channel());
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

    /**
     * Whether a QUIC connection may have one more stream: before its Login it may open only
     * jfrp.security.maxStreamsBeforeLogin streams in all (QUIC's own stream limit, transport.quic's
     * maxIncomingStreams, is set once for the connection's life); a stream past that is counted and
     * refused by the caller. Runs on the connection's event loop.
     */
    boolean admitQuicStream(Channel stream) {
        PendingConnection pending = PendingConnection.of(stream);
        if (pending == null || pending.isAuthenticated()
                || pending.streamOpenedBeforeLogin() <= security.settings().preAuth().maxStreamsBeforeLogin()) {
            return true;
        }
        security.count(CloseReason.STREAM_BEFORE_LOGIN, 1);
        return false;
    }

    /** One frp connection (a connection, a yamux stream, a QUIC stream): wire v1/v2 detection, then the first message. */
    public void initFrpConnection(Channel ch) {
        WirePipelines.addServerDetection(ch.pipeline(), wire);
        ch.pipeline().addLast("first-message", firstMessage.get());
    }
}
