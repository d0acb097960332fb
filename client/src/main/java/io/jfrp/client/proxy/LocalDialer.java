package io.jfrp.client.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;

/**
 * Connections to the local services proxies publish: dialed on the work connection's own event loop
 * (so the relay between them needs no hand-over), reading off until the relay starts, half-closure on
 * (a FIN goes through as a FIN), no Nagle. Thread-safe.
 *
 * <p>UDP services are reached the same way ({@link #dialUdp}): a connected UDP socket on the work
 * connection's loop, reading datagrams of udpPacketSize bytes.
 *
 * @param socketChannel   the socket type of the loops
 * @param timeout         how long a dial may take (transport.dialServerTimeout, as frpc)
 * @param datagramChannel the UDP socket type of the loops
 * @param udpPacketSize   udpPacketSize: bytes read of each datagram (a longer one is cut, as frpc does)
 * @param udpIdleTimeout  how long a UDP socket to a service lives without traffic (jfrp.udpIdleTimeout)
 */
public record LocalDialer(Class<? extends SocketChannel> socketChannel, Duration timeout,
                          Class<? extends DatagramChannel> datagramChannel, int udpPacketSize,
                          Duration udpIdleTimeout) {
    /** Datagrams read from one socket per read loop before other channels get their turn. */
    private static final int DATAGRAMS_PER_READ = 16;
    /**
     * The handler a Bootstrap needs: it leaves the pipeline as the channel registers, so a connection
     * held for hours keeps no handler (and no context) of ours beyond what its relay adds. Shared.
     */
    private static final ChannelHandler NO_HANDLER = new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
            // nothing: the caller sets the pipeline up once connected
        }
    };

    /** A dialer of TCP services, and of UDP ones with NIO sockets and frp's udpPacketSize. */
    public LocalDialer(Class<? extends SocketChannel> socketChannel, Duration timeout) {
        this(socketChannel, timeout, NioDatagramChannel.class, 1500, Duration.ofSeconds(30));
    }

    /** Dials {@code host:port} on {@code loop}. */
    public ChannelFuture dial(EventLoop loop, String host, int port) {
        return bootstrap(loop, socketChannel).option(ChannelOption.TCP_NODELAY, true).connect(host, port);
    }

    /**
     * Dials the UNIX socket at {@code path} on {@code loop}: Netty's epoll domain socket on epoll loops,
     * its NIO one (the JDK's UNIX sockets) on NIO loops, jfrpc's default.
     */
    public ChannelFuture dialUnix(EventLoop loop, String path) {
        boolean epoll = socketChannel == EpollSocketChannel.class;
        SocketAddress address = epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
        return bootstrap(loop, epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class).connect(address);
    }

    private Bootstrap bootstrap(EventLoop loop, Class<? extends Channel> type) {
        return new Bootstrap()
                .group(loop)
                .channel(type)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(NO_HANDLER);
    }

    /**
     * A UDP socket on {@code loop} connected to {@code service} (it receives only that address's
     * datagrams), whose datagrams go to {@code handler}.
     */
    public ChannelFuture dialUdp(EventLoop loop, InetSocketAddress service, ChannelHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(datagramChannel)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(udpPacketSize)
                        .maxMessagesPerRead(DATAGRAMS_PER_READ))
                .handler(handler)
                .connect(service);
    }
}
