package io.jfrp.kcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A KCP listener on one UDP port, like kcp-go's {@code ListenWithOptions}: every peer address is
 * one session, accepted as a {@link KcpChannel} (a child of the UDP channel, on its event loop)
 * whose pipeline gets {@code childHandler} (typically a {@code ChannelInitializer}) before its
 * first bytes are read. Demultiplexing, limits and expiry are described in {@link KcpListener}.
 *
 * <p>frps's kcpBindPort: {@code KcpServer.bind(group, new InetSocketAddress(host, kcpBindPort),
 * KcpConfig.frpServer(), initializer)}, the initializer adding the TLS detection and yamux exactly
 * as for an accepted TCP connection.
 *
 * <p>Thread-safe.
 */
public final class KcpServer {
    /** Socket buffers frp asks for (4 MiB each way). */
    static final int SOCKET_BUFFER = 4 * 1024 * 1024;

    private final DatagramChannel udp;
    private final KcpListener listener;

    private KcpServer(DatagramChannel udp, KcpListener listener) {
        this.udp = udp;
        this.listener = listener;
    }

    /** Binds with NIO; see {@link #bind(EventLoopGroup, Class, InetSocketAddress, KcpConfig, ChannelHandler)}. */
    public static Future<KcpServer> bind(EventLoopGroup group, InetSocketAddress local, KcpConfig config,
                                         ChannelHandler childHandler) {
        return bind(group, NioDatagramChannel.class, local, config, childHandler);
    }

    /**
     * Binds a UDP channel of {@code type} (which must suit {@code group}) to {@code local} and serves
     * KCP on it. {@code childHandler} is added to every accepted session and must be sharable.
     */
    public static Future<KcpServer> bind(EventLoopGroup group, Class<? extends DatagramChannel> type,
                                         InetSocketAddress local, KcpConfig config, ChannelHandler childHandler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(childHandler, "childHandler");
        KcpListener listener = new KcpListener(config, childHandler);
        ChannelFuture bound = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(listener)
                .bind(local);
        Promise<KcpServer> promise = bound.channel().eventLoop().newPromise();
        bound.addListener(f -> {
            if (f.isSuccess()) {
                promise.setSuccess(new KcpServer((DatagramChannel) bound.channel(), listener));
            } else {
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    public InetSocketAddress localAddress() {
        return udp.localAddress();
    }

    /** The UDP channel; closing it closes every session. */
    public DatagramChannel datagramChannel() {
        return udp;
    }

    /** Sessions alive now. */
    public int sessionCount() {
        return listener.sessionCount();
    }

    /** Sessions not opened because {@link KcpConfig#maxSessions()} were alive. */
    public long refusedSessions() {
        return listener.refusedSessions();
    }

    /** Closes the UDP channel and with it every session. */
    public ChannelFuture close() {
        return udp.close();
    }
}
