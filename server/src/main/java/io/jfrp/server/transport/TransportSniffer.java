package io.jfrp.server.transport;

import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.server.monitor.JfrpMeters.PreAuthCloseReason;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PreAuthLog;
import io.jfrp.server.security.PendingConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The first handler on every connection to bindPort (and on every KCP session): tells from the first
 * bytes which layer the client starts, installs it, and once that layer is up looks again, so that
 * every transport frp clients use shares one port, as in stock frps:
 * <ul>
 *   <li>{@code 0x16} (a TLS handshake record, what frp ≥ 0.50 sends): TLS;</li>
 *   <li>{@code 0x17} (the marker byte older frpc sends before its ClientHello): the byte is consumed,
 *   then TLS;</li>
 *   <li>{@code GET /~!frp} (bindPort only): frp's WebSocket ({@link WebSocketUpgrade});</li>
 *   <li>anything else: a plain connection, refused when {@code transport.tls.force} is set and no TLS
 *   came before.</li>
 * </ul>
 * Each layer comes at most once: TLS then WebSocket is wss (which stock frps cannot terminate, jfrps
 * can), WebSocket then TLS is frpc's websocket with TLS. Once the last layer is up, {@code next}
 * installs the session or message handlers. The sniffer then leaves the pipeline, passing on any
 * bytes it held. No frp message, yamux frame or v2 magic starts with 0x16, 0x17 or 'G'.
 *
 * <p>Every TLS handshake, on whichever layer (and on KCP sessions), must complete within its deadline
 * (jfrp.security.tlsHandshakeTimeout); WebSocket's upgrade has its own ({@link WebSocketUpgrade}). A
 * handshake not complete in time, a failed one and a refused plain connection close the connection,
 * each counted under its {@link CloseReason} (jfrp's security counters, when the connection is
 * tracked by a {@link PendingConnection}) and its {@link PreAuthCloseReason} (the meters).
 */
public final class TransportSniffer extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(TransportSniffer.class);
    /** First byte of a TLS handshake record. */
    static final int TLS_HANDSHAKE = 0x16;
    /** frp's custom first byte announcing TLS (transport.tls.disableCustomTLSFirstByte = false). */
    static final int FRP_TLS_MARKER = 0x17;
    /** How frp's WebSocket upgrade starts (stock frps matches exactly these bytes). */
    static final byte[] WEBSOCKET_PREFIX = ("GET " + io.jfrp.protocol.websocket.WebSocketByteStream.PATH)
            .getBytes(StandardCharsets.US_ASCII);

    /** The layers a client may put under frp's bytes. */
    public enum Layer {
        /** TLS, with or without frp's 0x17 byte. */
        TLS,
        /** frp's WebSocket on {@code /~!frp}. */
        WEBSOCKET
    }

    private final SslContext sslContext;
    private final boolean tlsForce;
    private final Set<Layer> allowed;
    private final boolean tlsBelow;
    private final Duration handshakeTimeout;
    private final Consumer<ChannelHandlerContext> next;
    private final JfrpMeters meters;

    /**
     * A sniffer that knows TLS only (tests), with no meters.
     *
     * @param sslContext       the server's TLS context
     * @param tlsForce         refuse plain connections
     * @param handshakeTimeout how long the TLS handshake may take (jfrp.security.tlsHandshakeTimeout)
     * @param next             installs the handlers that follow the transport, given a context in the
     *                         pipeline after which to add them
     */
    public TransportSniffer(SslContext sslContext, boolean tlsForce, Duration handshakeTimeout,
                            Consumer<ChannelHandlerContext> next) {
        this(sslContext, tlsForce, handshakeTimeout, next, JfrpMeters.NOOP);
    }

    /**
     * A sniffer that knows TLS only (KCP sessions).
     *
     * @param meters told of TLS handshakes and of connections refused here
     */
    public TransportSniffer(SslContext sslContext, boolean tlsForce, Duration handshakeTimeout,
                            Consumer<ChannelHandlerContext> next, JfrpMeters meters) {
        this(sslContext, tlsForce, EnumSet.of(Layer.TLS), false, handshakeTimeout, next, meters);
    }

    /**
     * @param allowed  the layers that may still come
     * @param tlsBelow whether TLS is already under this point (then plain is fine under tls.force)
     */
    TransportSniffer(SslContext sslContext, boolean tlsForce, Set<Layer> allowed, boolean tlsBelow,
                     Duration handshakeTimeout, Consumer<ChannelHandlerContext> next, JfrpMeters meters) {
        this.sslContext = sslContext;
        this.tlsForce = tlsForce;
        this.allowed = allowed.isEmpty() ? EnumSet.noneOf(Layer.class) : EnumSet.copyOf(allowed);
        this.tlsBelow = tlsBelow;
        this.handshakeTimeout = handshakeTimeout;
        this.next = next;
        this.meters = meters;
    }

    /** bindPort's sniffer: TLS and WebSocket, in either order; no meters (tests). */
    public static TransportSniffer forBindPort(SslContext sslContext, boolean tlsForce, Duration handshakeTimeout,
                                               Consumer<ChannelHandlerContext> next) {
        return forBindPort(sslContext, tlsForce, handshakeTimeout, next, JfrpMeters.NOOP);
    }

    /** bindPort's sniffer: TLS and WebSocket, in either order, telling {@code meters}. */
    public static TransportSniffer forBindPort(SslContext sslContext, boolean tlsForce, Duration handshakeTimeout,
                                               Consumer<ChannelHandlerContext> next, JfrpMeters meters) {
        return new TransportSniffer(sslContext, tlsForce, EnumSet.allOf(Layer.class), false, handshakeTimeout, next,
                meters);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if (allowed.contains(Layer.TLS) && (first == TLS_HANDSHAKE || first == FRP_TLS_MARKER)) {
            if (first == FRP_TLS_MARKER) {
                in.skipBytes(1);
            }
            startTls(ctx);
        } else if (allowed.contains(Layer.WEBSOCKET) && first == WEBSOCKET_PREFIX[0]) {
            int n = Math.min(in.readableBytes(), WEBSOCKET_PREFIX.length);
            for (int i = 1; i < n; i++) {
                if (in.getByte(in.readerIndex() + i) != WEBSOCKET_PREFIX[i]) {
                    plain(ctx, in, first);
                    return;
                }
            }
            if (n < WEBSOCKET_PREFIX.length) {
                return; // a prefix so far: wait for the rest
            }
            WebSocketUpgrade.install(ctx, upgraded -> after(upgraded, Layer.WEBSOCKET, tlsBelow));
        } else {
            plain(ctx, in, first);
            return;
        }
        ctx.pipeline().remove(this);
    }

    private void plain(ChannelHandlerContext ctx, ByteBuf in, int first) {
        if (tlsForce && !tlsBelow) {
            PreAuthLog.info(log, ctx.channel(), "refusing plain connection from {}: transport.tls.force is set (first byte 0x{})",
                    ctx.channel().remoteAddress(), Integer.toHexString(first));
            in.skipBytes(in.readableBytes());
            meters.closedBeforeAuth(PreAuthCloseReason.TLS_REQUIRED);
            close(ctx, CloseReason.PLAIN_REFUSED);
            return;
        }
        next.accept(ctx);
        ctx.pipeline().remove(this);
    }

    private void startTls(ChannelHandlerContext ctx) {
        SslHandler ssl = sslContext.newHandler(ctx.alloc());
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        ctx.pipeline().addAfter(ctx.name(), "tls", ssl);
        ctx.pipeline().addAfter("tls", "tls-ready", new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
                if (evt instanceof SslHandshakeCompletionEvent done) {
                    meters.tlsHandshake(done.isSuccess());
                    if (done.isSuccess()) {
                        after(c, Layer.TLS, true);
                        c.pipeline().remove(this);
                    } else {
                        PreAuthLog.info(log, c.channel(), "TLS handshake with {} failed: {}", c.channel().remoteAddress(),
                                done.cause().toString());
                        meters.closedBeforeAuth(PreAuthCloseReason.TLS_FAILED);
                        close(c, done.cause() instanceof SslHandshakeTimeoutException
                                ? CloseReason.TLS_HANDSHAKE_TIMEOUT : CloseReason.TLS_FAILED);
                    }
                    return;
                }
                super.userEventTriggered(c, evt);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                // Not TLS after all (NotSslRecordException) or a failed handshake: the
                // handshake event above logs it once; nothing after us would handle it.
                log.debug("TLS with {} failed", c.channel().remoteAddress(), cause);
                close(c, CloseReason.TLS_FAILED);
            }
        });
    }

    /** {@code done} is up (its last handler at {@code ctx}): sniff again for what may still come, or go on. */
    private void after(ChannelHandlerContext ctx, Layer done, boolean tls) {
        Set<Layer> rest = EnumSet.copyOf(allowed);
        rest.remove(done);
        if (rest.isEmpty()) {
            next.accept(ctx);
            return;
        }
        ctx.pipeline().addAfter(ctx.name(), "transport-" + done.name().toLowerCase(java.util.Locale.ROOT),
                new TransportSniffer(sslContext, tlsForce, rest, tls, handshakeTimeout, next, meters));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} failed before its transport was known", ctx.channel(), cause);
        ctx.close();
    }

    /** Closes the connection, counted under {@code reason} when it is tracked. */
    private static void close(ChannelHandlerContext ctx, CloseReason reason) {
        PendingConnection pending = PendingConnection.of(ctx.channel());
        if (pending != null) {
            pending.close(reason);
        } else {
            ctx.close();
        }
    }
}
