package io.jfrp.server.vhost.https;

import io.jfrp.protocol.relay.Relay;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The https vhost on bindPort itself ({@code vhostHTTPSPort = bindPort}), as one step in front of
 * the client transport's own sniffing: a TLS ClientHello whose server name (SNI) one of the https
 * proxies serves is taken to that proxy exactly as on a vhostHTTPSPort of its own ({@link SniRouter});
 * everything else (a ClientHello for another name or none, which is a frp client's TLS; frp's 0x17
 * marker; plain frp; any other first bytes) goes on unchanged, buffered bytes included, to the
 * handlers after this one. Nothing is consumed either way.
 *
 * <p>Stock frps gives every ClientHello to its https vhost on a shared port, which is why frp
 * asks clients to send its 0x17 marker there; routing by the name the ClientHello asks for lets
 * frp clients that send a plain ClientHello (frp's default) in too.
 *
 * <p>Only a first byte of 0x16 (a TLS handshake record) is read as a ClientHello (Netty's
 * {@link AbstractSniHandler}, which a client that sends no complete record within the timeout is
 * closed by); any other first byte passes at once. One instance per connection.
 *
 * @param <T> what a server name routes to
 */
public final class SharedPortSniRouter<T> extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SharedPortSniRouter.class);
    /** First byte of a TLS handshake record: the only first byte that may be an https proxy's. */
    private static final int TLS_HANDSHAKE = 0x16;

    private final SniRouter.Routes<T> routes;
    private final SniRouter.Sink<T> sink;
    private final long timeoutMillis;

    /**
     * @param routes        the https proxies' routes
     * @param sink          takes a connection routed to an https proxy (held, first bytes kept)
     * @param timeoutMillis how long a client has to send its whole first TLS record (0 = no limit)
     */
    public SharedPortSniRouter(SniRouter.Routes<T> routes, SniRouter.Sink<T> sink, long timeoutMillis) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The first bytes: a TLS handshake record goes to the ClientHello reader; anything else (frp's
     * 0x17 marker, plain frp, other protocols) straight on, which Netty's reader would refuse as not
     * TLS.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf first) || !first.isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (first.getUnsignedByte(first.readerIndex()) != TLS_HANDSHAKE) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.pipeline().replace(this, ctx.name(), new ClientHelloReader());
        ctx.pipeline().fireChannelRead(msg);
    }

    /** Reads the ClientHello's server name (buffering, consuming nothing) and routes by it. */
    private final class ClientHelloReader extends AbstractSniHandler<T> {
        ClientHelloReader() {
            super(timeoutMillis);
        }

        @Override
        protected Future<T> lookup(ChannelHandlerContext ctx, String hostname) {
            return ctx.executor().newSucceededFuture(hostname == null ? null : routes.route(hostname));
        }

        @Override
        protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<T> future) {
            T target = future.getNow();
            if (target == null) {
                // Not for an https proxy: the next handlers (frp's transport) get the buffered bytes.
                ctx.pipeline().remove(this);
                return;
            }
            log.debug("connection from {} to bindPort asks for https proxy name [{}]", ctx.channel().remoteAddress(),
                    hostname);
            Channel channel = ctx.channel();
            // The https proxy's connection: the handlers after this one (frp's transport) are not for it.
            List<String> names = ctx.pipeline().names();
            for (String name : names.subList(names.indexOf(ctx.name()) + 1, names.size())) {
                if (ctx.pipeline().get(name) != null) {
                    ctx.pipeline().remove(name);
                }
            }
            Relay.holdUntilJoined(channel);
            ctx.pipeline().remove(this);
            sink.accept(channel, hostname, target);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("connection from {} to bindPort closed before its ClientHello was read: {}",
                    ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
