package io.jfrp.client.visitor.stcp;

import io.jfrp.client.visitor.BoundChannel;
import io.jfrp.client.visitor.Visitor;
import io.jfrp.client.visitor.VisitorConnections;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.client.visitor.VisitorFactory;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.protocol.relay.Relay;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * An stcp visitor (frp's {@code client/visitor/stcp.go}): a TCP listener on bindAddr:bindPort; each
 * connection accepted there gets a visitor connection to the server for the visited proxy and, once
 * the server has admitted it, the two are relayed byte for byte (wrapped with the visitor's flags on the
 * server side). A refused visit closes the user's connection and logs the server's reason. Without a
 * bindPort (negative) it listens nowhere, as frpc.
 */
public final class StcpVisitor implements Visitor {
    /** The factory of stcp visitors. */
    public static final VisitorFactory FACTORY = StcpVisitor::new;
    private static final Logger log = LoggerFactory.getLogger(StcpVisitor.class);

    private final VisitorConfig config;
    private final VisitorContext context;
    private final VisitorConnections connections;
    private final BoundChannel listener = new BoundChannel();

    private StcpVisitor(VisitorConfig config, VisitorContext context) {
        this.config = config;
        this.context = context;
        this.connections = new VisitorConnections(config.base(), context);
    }

    @Override
    public VisitorConfig config() {
        return config;
    }

    @Override
    public Future<?> start() {
        if (config.base().bindPort() <= 0) {
            return GlobalEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        ChannelFuture bound = new ServerBootstrap()
                .group(context.loops())
                .channel(context.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new UserConnection())
                .bind(config.base().bindAddr(), config.base().bindPort());
        bound.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                listener.set(f.channel());
                log.info("[{}] stcp visitor listening on {} for proxy [{}]", config.name(), f.channel().localAddress(),
                        connections.proxyName());
            }
        });
        return bound;
    }

    /** The address it listens on, or null. */
    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }

    /** Each accepted connection: held, then relayed through its own visitor connection. */
    @ChannelHandler.Sharable
    private final class UserConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel user = ctx.channel();
            ctx.pipeline().remove(this);
            // The user may send (and half-close) before the server has answered.
            Relay.holdUntilJoined(user);
            accept(user);
        }
    }

    /** Relays a held user connection through a new visitor connection (also an xtcp visitor's fallback). */
    @Override
    public boolean accept(Channel user) {
        connections.open(user.eventLoop(), null).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("[{}] visitor connection to [{}] failed: {}", config.name(), connections.proxyName(),
                        f.cause().getMessage());
                user.close();
                return;
            }
            Channel visitorConn = (Channel) f.getNow();
            if (!user.isActive()) {
                visitorConn.close();
                return;
            }
            Relay.join((DuplexChannel) user, (DuplexChannel) visitorConn);
        });
        return true;
    }
}
