package io.jfrp.server.transport;

import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PendingConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The first handler on every connection to bindPort: decides from the first byte whether the
 * client speaks TLS, then installs what follows.
 * <ul>
 *   <li>{@code 0x16} (a TLS handshake record, what frp ≥ 0.50 sends): TLS.</li>
 *   <li>{@code 0x17} (the marker byte older frpc sends before its ClientHello): the byte is
 *   consumed, then TLS.</li>
 *   <li>anything else: a plain connection, refused when {@code transport.tls.force} is set.</li>
 * </ul>
 * Once TLS has completed its handshake (or at once for plain), {@code next} installs the
 * session or message handlers. The sniffer then leaves the pipeline, passing on any bytes it held.
 * A handshake not complete within its deadline, a failed one and a refused plain connection close
 * the connection, each counted under its {@link CloseReason}.
 */
public final class TransportSniffer extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(TransportSniffer.class);
    /** First byte of a TLS handshake record. */
    static final int TLS_HANDSHAKE = 0x16;
    /** frp's custom first byte announcing TLS (transport.tls.disableCustomTLSFirstByte = false). */
    static final int FRP_TLS_MARKER = 0x17;

    private final SslContext sslContext;
    private final boolean tlsForce;
    private final long handshakeTimeoutMillis;
    private final Consumer<ChannelHandlerContext> next;

    /**
     * @param sslContext       the server's TLS context
     * @param tlsForce         refuse plain connections
     * @param handshakeTimeout how long the TLS handshake may take (jfrp.security.tlsHandshakeTimeout)
     * @param next             installs the handlers that follow the transport, given a context in the
     *                         pipeline after which to add them
     */
    public TransportSniffer(SslContext sslContext, boolean tlsForce, Duration handshakeTimeout,
                            Consumer<ChannelHandlerContext> next) {
        this.sslContext = sslContext;
        this.tlsForce = tlsForce;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
        this.next = next;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if (first == TLS_HANDSHAKE || first == FRP_TLS_MARKER) {
            if (first == FRP_TLS_MARKER) {
                in.skipBytes(1);
            }
            SslHandler ssl = sslContext.newHandler(ctx.alloc());
            ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
            ctx.pipeline().addAfter(ctx.name(), "tls", ssl);
            ctx.pipeline().addAfter("tls", "tls-ready", new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
                    if (evt instanceof SslHandshakeCompletionEvent) {
                        SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
                        if (done.isSuccess()) {
                            next.accept(c);
                            c.pipeline().remove(this);
                        } else {
                            log.info("TLS handshake with {} failed: {}", c.channel().remoteAddress(),
                                    done.cause().toString());
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
        } else if (tlsForce) {
            log.info("refusing plain connection from {}: transport.tls.force is set (first byte 0x{})",
                    ctx.channel().remoteAddress(), Integer.toHexString(first));
            in.skipBytes(in.readableBytes());
            close(ctx, CloseReason.PLAIN_REFUSED);
            return;
        } else {
            next.accept(ctx);
        }
        ctx.pipeline().remove(this);
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
