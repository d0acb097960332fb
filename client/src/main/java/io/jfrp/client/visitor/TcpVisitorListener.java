package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorBase;
import io.jfrp.protocol.relay.Relay;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.function.Consumer;

/**
 * The TCP listener of a TCP visitor (stcp, xtcp) on its bindAddr:bindPort: each connection accepted
 * there is held ({@link Relay#holdUntilJoined}: the user may send, and half-close, before the visitor
 * has a peer for it) and handed to the visitor on the connection's event loop. Without a bindPort
 * (zero or negative) it listens nowhere, as frpc. The listener is kept in the visitor's
 * {@link BoundChannel}, which reports its address and closes it.
 */
public final class TcpVisitorListener {
    private TcpVisitorListener() {
    }

    /**
     * Binds the visitor's port on {@code context}'s loops.
     *
     * @param bound     where the listener is recorded once bound
     * @param users     takes each accepted connection, active and held, on its event loop
     * @param listening told the bound channel once the bind succeeded (to log it)
     * @return the bind; it fails with why the port could not be bound
     */
    public static Future<?> start(VisitorContext context, VisitorBase visitor, BoundChannel bound,
                                  Consumer<Channel> users, Consumer<Channel> listening) {
        if (visitor.bindPort() <= 0) {
            return GlobalEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        ChannelFuture bind = new ServerBootstrap()
                .group(context.loops())
                .channel(context.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new UserConnection(users))
                .bind(visitor.bindAddr(), visitor.bindPort());
        bind.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                bound.set(f.channel());
                listening.accept(f.channel());
            }
        });
        return bind;
    }

    /** Each accepted connection: held, then handed to the visitor. */
    @ChannelHandler.Sharable
    private static final class UserConnection extends ChannelInboundHandlerAdapter {
        private final Consumer<Channel> users;

        UserConnection(Consumer<Channel> users) {
            this.users = users;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel user = ctx.channel();
            ctx.pipeline().remove(this);
            Relay.holdUntilJoined(user);
            users.accept(user);
        }
    }
}
