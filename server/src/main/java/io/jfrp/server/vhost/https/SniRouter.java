package io.jfrp.server.vhost.https;

import io.jfrp.protocol.relay.Relay;
import io.jfrp.protocol.transport.LingeringClose;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Routes a public TLS connection by the server name its ClientHello asks for (SNI), without
 * terminating TLS: the local service behind the chosen proxy holds the certificate and does the
 * handshake, end to end with the public client.
 *
 * <p>Netty's {@link AbstractSniHandler} buffers the first TLS records until the ClientHello is
 * complete and reads the server name from it; nothing is consumed. When the name routes to a
 * target, reading stops ({@link Relay#holdUntilJoined}), this handler leaves the pipeline and the
 * bytes it buffered (the ClientHello, and whatever came with it) pass into the hold, so the
 * target's relay sends them first, unchanged, followed by everything after.
 *
 * <h3>Refusals</h3>
 * An unknown name gets a fatal TLS {@code unrecognized_name} alert (RFC 6066 §3) and the connection
 * closed, so clients report why; a ClientHello without SNI, or bytes that are not TLS, get the
 * connection closed (stock frps closes them too). A client that has not sent a complete ClientHello
 * within the timeout is closed by {@link AbstractSniHandler}.
 *
 * <p>One instance per connection (it holds the decoder's buffer).
 *
 * @param <T> what a server name routes to
 */
public final class SniRouter<T> extends AbstractSniHandler<T> {
    private static final Logger log = LoggerFactory.getLogger(SniRouter.class);

    /**
     * A fatal alert record: content type 21 (alert), version 3.3 (the record version stock frps' Go
     * TLS stack writes once it has read a TLS 1.2 or 1.3 ClientHello), length 2, level 2 (fatal),
     * description 112 (unrecognized_name).
     */
    private static final byte[] UNRECOGNIZED_NAME_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x70};

    /** Looks a server name up. */
    @FunctionalInterface
    public interface Routes<T> {
        /** The target for {@code serverName} (lower case), or null when no proxy serves it. */
        T route(String serverName);
    }

    /** Takes a routed connection. */
    @FunctionalInterface
    public interface Sink<T> {
        /**
         * {@code connection} is held (not reading, its first bytes kept for the relay); the sink
         * joins it to a work connection or closes it. Called on the connection's event loop.
         */
        void accept(Channel connection, String serverName, T target);
    }

    private final Routes<T> routes;
    private final Sink<T> sink;

    /**
     * @param timeoutMillis how long a client has to send its ClientHello (0 = no limit)
     */
    public SniRouter(Routes<T> routes, Sink<T> sink, long timeoutMillis) {
        super(timeoutMillis);
        this.routes = Objects.requireNonNull(routes, "routes");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    protected Future<T> lookup(ChannelHandlerContext ctx, String hostname) {
        T target = hostname == null ? null : routes.route(hostname);
        return ctx.executor().newSucceededFuture(target);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<T> future) {
        T target = future.getNow();
        if (target == null) {
            if (hostname == null) {
                log.debug("https connection from {} closed: no TLS ClientHello with a server name",
                        ctx.channel().remoteAddress());
                ctx.close();
            } else {
                log.debug("https connection from {} closed: no proxy for server name [{}]",
                        ctx.channel().remoteAddress(), hostname);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(UNRECOGNIZED_NAME_ALERT))
                        .addListener(f -> LingeringClose.close(ctx.channel()));
            }
            return;
        }
        Channel channel = ctx.channel();
        Relay.holdUntilJoined(channel);
        // Leaving hands what the decoder buffered (the ClientHello) to the hold, unconsumed.
        ctx.pipeline().remove(this);
        sink.accept(channel, hostname, target);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Not TLS, or a ClientHello over the size limit: Netty has already closed the connection.
        log.debug("https connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
