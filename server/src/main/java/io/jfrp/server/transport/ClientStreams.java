package io.jfrp.server.transport;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxSessionListener;
import io.jfrp.protocol.FrpVersion;
import io.jfrp.protocol.wire.ServerWireSettings;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.server.monitor.JfrpMeters;
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
 * first message. Knows nothing of what the messages mean.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientStreams {
    private final ServerConfig config;
    private final ServerWireSettings wire;
    private final Supplier<ChannelHandler> firstMessage;
    private final JfrpMeters meters;
    private final YamuxSessionListener sessionEvents;

    /**
     * @param firstMessage a new handler for the first frp message of a connection or stream
     * @param meters       told of yamux streams and window stalls (and, through {@link #meters}, of
     *                     the transports' TLS handshakes and refusals)
     */
    public ClientStreams(ServerConfig config, Supplier<ChannelHandler> firstMessage, JfrpMeters meters) {
        this.config = config;
        this.wire = ServerWireSettings.forToken(config.auth().token(), FrpVersion.SPOKEN);
        this.firstMessage = firstMessage;
        this.meters = meters;
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

    /** Installs the session or the frp connection's handlers after {@code ctx}, once the transport is settled. */
    public void afterTransport(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (config.tcpMux()) {
            p.addLast("yamux", new YamuxSession(YamuxRole.SERVER, config.mux(), new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel stream) {
                    initFrpConnection(stream);
                }
            }).listener(sessionEvents));
        } else {
            initFrpConnection(ctx.channel());
        }
    }

    /** One frp connection (a connection, a yamux stream, a QUIC stream): wire v1/v2 detection, then the first message. */
    public void initFrpConnection(Channel ch) {
        WirePipelines.addServerDetection(ch.pipeline(), wire);
        ch.pipeline().addLast("first-message", firstMessage.get());
    }
}
