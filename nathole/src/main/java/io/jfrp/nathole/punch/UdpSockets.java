package io.jfrp.nathole.punch;

import io.jfrp.protocol.transport.HalfCloseSafeEpoll;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Opens the IPv4 UDP sockets of NAT discovery and hole punching (frp's {@code net.ListenUDP("udp4",
 * ...)}) on one Netty event loop group.
 *
 * <h3>Why epoll when it is there</h3>
 * Receivers send their probes with a low IP TTL, and Java has no unicast IP TTL option for UDP:
 * {@code StandardSocketOptions} only has {@code IP_MULTICAST_TTL}, {@code jdk.net} has none, and
 * NIO's {@code DatagramChannel} rejects unknown options. Netty's epoll transport can set any integer
 * socket option ({@link IpTtl}), so these sockets use epoll on Linux; elsewhere they fall back to NIO
 * and probes keep the default TTL, which is what frp itself does when setting the TTL fails.
 * The epoll write problem that keeps jfrp's TCP sockets on NIO (half-closed TCP) does not concern UDP.
 *
 * <p>Thread-safe. A factory made by {@link #create()} owns its event loop and {@link #close() closes}
 * it; one made {@link #on(EventLoopGroup) on} a caller's group leaves the group alone.
 */
public final class UdpSockets implements AutoCloseable {
    /** {@code 0.0.0.0:0}: any IPv4 address, a port the kernel picks (frp's {@code ListenUDP("udp4", nil)}). */
    public static final InetSocketAddress ANY_IPV4 = new InetSocketAddress("0.0.0.0", 0);

    private final EventLoopGroup group;
    private final boolean epoll;
    private final boolean ownsGroup;

    private UdpSockets(EventLoopGroup group, boolean ownsGroup) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        // Epoll channels need an epoll loop: the group's transport decides, whoever made it.
        this.epoll = Epoll.isAvailable() && HalfCloseSafeEpoll.runs(group);
    }

    /** A factory with its own single event loop: epoll when available, else NIO. */
    public static UdpSockets create() {
        var group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jfrp-nathole", true),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        return new UdpSockets(group, true);
    }

    /** A factory on the caller's group, using epoll channels if the group runs epoll, else NIO. */
    public static UdpSockets on(EventLoopGroup group) {
        return new UdpSockets(Objects.requireNonNull(group, "group"), false);
    }

    /** The group sockets are registered with. */
    public EventLoopGroup group() {
        return group;
    }

    /** Whether these sockets can send with a chosen IP TTL ({@link IpTtl}). */
    public boolean canSetTtl() {
        return epoll;
    }

    /**
     * Binds an IPv4 UDP socket.
     *
     * @param local    the local address, such as {@code 0.0.0.0:0}
     * @param loop     the event loop to register with (all sockets of one punch share one), or null
     *                 for any of the group's
     * @param handler  the pipeline's handler
     * @param autoRead whether to read at once; when false, datagrams wait in the kernel's socket
     *                 buffer until reading is turned on
     * @return the bound channel, or the bind failure (the channel is then closed)
     */
    public Future<DatagramChannel> bind(InetSocketAddress local, EventLoop loop, ChannelHandler handler,
                                        boolean autoRead) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(handler, "handler");
        ChannelFuture bound = new Bootstrap()
                .group(loop != null ? loop : group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(SocketProtocolFamily.INET)
                        : new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.AUTO_READ, autoRead)
                .handler(handler)
                .bind(local);
        Promise<DatagramChannel> promise = bound.channel().eventLoop().newPromise();
        bound.addListener(f -> {
            if (f.isSuccess()) {
                promise.setSuccess((DatagramChannel) bound.channel());
            } else {
                bound.channel().close();
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    /** Shuts the own event loop down (sockets on it close); nothing for a caller's group. */
    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "UdpSockets[" + (epoll ? "epoll" : "nio") + "]";
    }
}
