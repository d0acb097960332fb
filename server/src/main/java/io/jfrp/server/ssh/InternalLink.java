package io.jfrp.server.ssh;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's way into jfrps, frp's {@code InternalListener}: an in-memory listener whose
 * connections are served like bindPort's (a yamux session in the server role, each stream framed and
 * read by the control package's first-message handler), minus TLS, which two ends in one process do
 * not need. Each SSH tunnel's {@link TunnelClient} logs in through it like an frpc, so plugins,
 * authentication, proxy names and ports apply as for any client.
 *
 * <p>Netty 4.2's local channels run only on local-transport loops: the link has one loop of its own.
 * Thread-safe.
 */
final class InternalLink implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final LocalAddress address = new LocalAddress(InternalLink.class);
    private final YamuxConfig mux;
    private Channel listener;

    /** @param firstMessage a new handler for the first frp message of each stream */
    InternalLink(YamuxConfig mux, Supplier<ChannelHandler> firstMessage) {
        this.mux = mux;
        try {
            listener = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            ch.pipeline().addLast("yamux", new YamuxSession(YamuxRole.SERVER, mux,
                                    new ChannelInitializer<Channel>() {
                                        @Override
                                        protected void initChannel(Channel stream) {
                                            FrpPipelines.addMessageCodec(stream.pipeline());
                                            stream.pipeline().addLast("first-message", firstMessage.get());
                                        }
                                    }));
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The link's loop, also the gateway's timer. */
    EventLoopGroup group() {
        return group;
    }

    /** The yamux settings of the link (the server's). */
    YamuxConfig mux() {
        return mux;
    }

    /** A new connection into jfrps; {@code handler} is its pipeline's first handler. */
    ChannelFuture connect(ChannelHandler handler) {
        return new Bootstrap().group(group).channel(LocalChannel.class).handler(handler).connect(address);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        group.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
