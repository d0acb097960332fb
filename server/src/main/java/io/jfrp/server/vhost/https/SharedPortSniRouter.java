package io.jfrp.server.vhost.https;

import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>One instance per connection; a client that sends no complete first record within the timeout
 * is closed by {@link AbstractSniHandler}.
 *
 * @param <T> what a server name routes to
 */
public final class SharedPortSniRouter<T> extends AbstractSniHandler<T> {
    private static final Logger log = LoggerFactory.getLogger(SharedPortSniRouter.class);

    private final SniRouter.Routes<T> routes;
    private final SniRouter.Sink<T> sink;

    /**
     * @param routes        the https proxies' routes
     * @param sink          takes a connection routed to an https proxy (held, first bytes kept)
     * @param timeoutMillis how long a client has to send its first TLS record (0 = no limit)
     */
    public SharedPortSniRouter(SniRouter.Routes<T> routes, SniRouter.Sink<T> sink, long timeoutMillis) {
        super(timeoutMillis);
        this.routes = Objects.requireNonNull(routes, "routes");
        this.sink = Objects.requireNonNull(sink, "sink");
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
        java.util.List<String> names = ctx.pipeline().names();
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
        log.debug("connection from {} to bindPort closed before its first record was read: {}",
                ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
