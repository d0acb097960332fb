package io.jfrp.server.ssh;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.server.security.PendingConnection;
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

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's way into jfrps, frp's {@code InternalListener}: an in-memory listener whose
 * connections are served like bindPort's (a yamux session in the server role, each stream framed and
 * read by the control package's first-message handler), minus TLS, which two ends in one process do
 * not need. Each SSH tunnel's {@link TunnelClient} logs in through it like an frpc, so plugins,
 * authentication, proxy names and ports apply as for any client; jfrps' end of its connection stands
 * for the SSH client's address ({@link PendingConnection#standsFor}), so a refused Login (a wrong
 * {@code --token}) is a failed login of that address, not of loopback shared by every tunnel.
 *
 * <p>Netty 4.2's local channels run only on local-transport loops: the link has one loop of its own.
 * Thread-safe.
 */
final class InternalLink implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final LocalAddress address = new LocalAddress(InternalLink.class);
    private final YamuxConfig mux;
    /** The outside peer of each connection on its way in, by the connection's own local address. */
    private final Map<SocketAddress, SocketAddress> peers = new ConcurrentHashMap<>();
    private Channel listener;

    /** @param firstMessage a new handler for the first frp message of each stream */
    InternalLink(YamuxConfig mux, Supplier<ChannelHandler> firstMessage) {
        this.mux = mux;
        try {
            listener = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            SocketAddress peer = peers.remove(ch.remoteAddress());
                            if (peer != null) {
                                PendingConnection.standsFor(ch, peer);
                            }
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

    /**
     * A new connection into jfrps for the outside peer at {@code peer} (the SSH client), whose
     * address jfrps' end of it stands for (its logins count for and against {@code peer} in the login
     * back-off); {@code handler} is its pipeline's first handler.
     */
    ChannelFuture connect(ChannelHandler handler, SocketAddress peer) {
        LocalAddress from = new LocalAddress(TunnelClient.class);
        peers.put(from, peer);
        return new Bootstrap().group(group).channel(LocalChannel.class).handler(handler).connect(address, from)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        peers.remove(from); // else jfrps' end took it when it was made
                    }
                });
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        group.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
