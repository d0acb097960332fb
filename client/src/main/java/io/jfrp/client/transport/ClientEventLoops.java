package io.jfrp.client.transport;

import io.jfrp.protocol.transport.HalfCloseSafeEpoll;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.concurrent.TimeUnit;

/**
 * jfrpc's event loops and socket types: every connection to the server and to local services, every
 * yamux stream and the reconnect timer run on them. Epoll where it is available,
 * unless {@code -Djfrp.epoll=false} asks for NIO ({@link HalfCloseSafeEpoll#chosen}); the epoll loops are {@link HalfCloseSafeEpoll}'s (Netty 4.2.18's own
 * epoll transport cuts data written after a socket's input was shut down, which a tunnel carrying
 * half-close meets; see {@code NettyEpollHalfClosedWriteTest}). Thread-safe.
 */
public final class ClientEventLoops implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;

    private ClientEventLoops(boolean epoll) {
        this.group = new MultiThreadIoEventLoopGroup(0, epoll ? HalfCloseSafeEpoll.newFactory() : NioIoHandler.newFactory());
        this.socketChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.datagramChannel = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Epoll loops where epoll is available and {@code -Djfrp.epoll=false} does not say no, else NIO. */
    public static ClientEventLoops create() {
        return new ClientEventLoops(HalfCloseSafeEpoll.chosen());
    }

    public EventLoopGroup group() {
        return group;
    }

    /** The socket type of these loops, for dialing. */
    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /** The TCP listener type of these loops (stcp visitors). */
    public Class<? extends ServerChannel> serverChannel() {
        return socketChannel == EpollSocketChannel.class ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The UDP socket type of these loops (udp/sudp services, sudp visitors, the kcp and quic transports). */
    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }

    /** Stops the loops without waiting. */
    @Override
    public void close() {
        // Quiet period above zero: with zero, Netty 4.2's SingleThreadIoEventLoop may terminate
        // without closing its channels (work and local connections would stay open).
        group.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS);
    }
}
