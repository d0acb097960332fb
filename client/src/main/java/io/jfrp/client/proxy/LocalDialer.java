package io.jfrp.client.proxy;

import io.jfrp.protocol.relay.RelayReads;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Connections to the local services proxies publish: dialed on the work connection's own event loop
 * (so the relay between them needs no hand-over), reading off until the relay starts, half-closure on
 * (a FIN goes through as a FIN), no Nagle. Thread-safe.
 *
 * <p>A connection may be held for hours, so a dialed socket keeps nothing of its dial: the connect
 * timeout is this class's own task, dropped when the connect completes (Netty's
 * {@code CONNECT_TIMEOUT_MILLIS} task stays referenced by the channel, cancelled, for its life), and
 * every socket shares one read-size allocator (each channel keeps only its own handle).
 *
 * <p>UDP services are reached the same way ({@link #dialUdp}): a connected UDP socket on the work
 * connection's loop, reading datagrams of udpPacketSize bytes, with a receive buffer of 1 MiB.
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
     * The receive buffer of a UDP socket to a service, as jfrps' public udp ports and the sudp
     * visitor's socket have: with the kernel's default (208 KiB, some 90 datagrams of 1,200 bytes,
     * 9 ms at 100 Mbit/s) a service's answers overflowed it whenever the loop paused longer, and iperf3
     * -u at 100 Mbit/s lost 3-6 % on the way down (see docs/PERFORMANCE.md, "UDP at 100 Mbit/s down"). Capped by
     * net.core.rmem_max.
     */
    static final int UDP_RECEIVE_BUFFER = 1 << 20;
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
    /**
     * Read sizes of dialed stream sockets: one allocator for all ({@link RelayReads}), with Netty's 16
     * reads per loop, which an allocator set as an option does not inherit (a bare
     * {@link io.netty.channel.AdaptiveRecvByteBufAllocator} reads once per loop: a download through
     * jfrpc then woke, read 64 KiB and flushed it for every 64 KiB), and reads of up to 256 KiB.
     */
    private static final RecvByteBufAllocator READ_SIZES = RelayReads.allocator();

    /** A dialer of TCP services, and of UDP ones with NIO sockets and frp's udpPacketSize. */
    public LocalDialer(Class<? extends SocketChannel> socketChannel, Duration timeout) {
        this(socketChannel, timeout, NioDatagramChannel.class, 1500, Duration.ofSeconds(30));
    }

    /** Dials {@code host:port} on {@code loop}. */
    public ChannelFuture dial(EventLoop loop, String host, int port) {
        return withTimeout(tcp(loop).connect(host, port), host + ":" + port);
    }

    /**
     * What dials {@code host:port} on a given loop, for a service dialed again and again (a proxy's
     * localIP:localPort). An IP literal becomes one resolved address shared by every connection: a
     * socket keeps the address it was dialed with (NIO) or a copy sharing its host string (epoll),
     * which would otherwise be objects of each held connection's own. A host name is resolved on each
     * dial, as frpc does, so that a change of its address is followed.
     */
    public Function<EventLoop, ChannelFuture> dialing(String host, int port) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return loop -> dial(loop, host, port);
        }
        InetSocketAddress service;
        try {
            service = new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host, e); // cannot happen: 4 or 16 bytes
        }
        String target = host + ":" + port;
        return loop -> withTimeout(tcp(loop).connect(service), target);
    }

    /**
     * Dials the UNIX socket at {@code path} on {@code loop}: Netty's epoll domain socket on epoll loops,
     * its NIO one (the JDK's UNIX sockets) on NIO loops, jfrpc's default.
     */
    public ChannelFuture dialUnix(EventLoop loop, String path) {
        boolean epoll = socketChannel == EpollSocketChannel.class;
        SocketAddress address = epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
        return withTimeout(bootstrap(loop, epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class)
                .connect(address), path);
    }

    private Bootstrap tcp(EventLoop loop) {
        return bootstrap(loop, socketChannel).option(ChannelOption.TCP_NODELAY, true);
    }

    private Bootstrap bootstrap(EventLoop loop, Class<? extends Channel> type) {
        return new Bootstrap()
                .group(loop)
                .channel(type)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0) // withTimeout's instead
                .option(ChannelOption.RCVBUF_ALLOCATOR, READ_SIZES)
                .handler(NO_HANDLER);
    }

    /**
     * Fails {@code connect} as Netty's connect timeout would (a {@link ConnectTimeoutException}, the
     * channel closed) unless it completes within {@link #timeout}; the timer is cancelled, and with it
     * forgotten, once it does. No timeout when {@link #timeout} is zero.
     */
    private ChannelFuture withTimeout(ChannelFuture connect, String target) {
        long millis = timeout.toMillis();
        if (connect.isDone() || millis <= 0) {
            return connect;
        }
        ScheduledFuture<?> timer = connect.channel().eventLoop().schedule(() -> {
            if (connect instanceof ChannelPromise promise && promise.tryFailure(
                    new ConnectTimeoutException("connection timed out after " + millis + " ms: " + target))) {
                connect.channel().close();
            }
        }, millis, TimeUnit.MILLISECONDS);
        connect.addListener(f -> timer.cancel(false));
        return connect;
    }

    /**
     * A UDP socket on {@code loop} connected to {@code service} (it receives only that address's
     * datagrams), whose datagrams go to {@code handler}.
     */
    public ChannelFuture dialUdp(EventLoop loop, InetSocketAddress service, ChannelHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(datagramChannel)
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(udpPacketSize)
                        .maxMessagesPerRead(DATAGRAMS_PER_READ))
                .handler(handler)
                .connect(service);
    }
}
