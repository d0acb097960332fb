package io.jfrp.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Event loops for the load tools: native epoll when it loads, NIO otherwise. Epoll matters for the
 * latency client: its scheduled tasks fire from a timerfd with nanosecond resolution, while NIO's
 * selector waits in whole milliseconds, which would add up to a millisecond of send lag to every
 * paced request. The epoll classes are reached by reflection because bench has them on the
 * runtime class path only.
 */
public final class NettyLoops {
    private static final String EPOLL_PKG = "io.netty.channel.epoll.";
    private static final boolean EPOLL = epollAvailable();

    private NettyLoops() {
    }

    /** Whether the native epoll transport is in use. */
    public static boolean epoll() {
        return EPOLL;
    }

    /** A new group of {@code threads} loops; shut it down when done. */
    public static EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    @SuppressWarnings("unchecked")
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? (Class<? extends SocketChannel>) load("EpollSocketChannel") : NioSocketChannel.class;
    }

    @SuppressWarnings("unchecked")
    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? (Class<? extends ServerChannel>) load("EpollServerSocketChannel") : NioServerSocketChannel.class;
    }

    private static IoHandlerFactory ioHandlerFactory() {
        if (!EPOLL) {
            return NioIoHandler.newFactory();
        }
        try {
            return (IoHandlerFactory) load("EpollIoHandler").getMethod("newFactory").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("epoll loaded but its IoHandler factory did not", e);
        }
    }

    private static boolean epollAvailable() {
        if (Boolean.getBoolean("jfrp.bench.nio")) {
            return false;
        }
        try {
            return (Boolean) Class.forName(EPOLL_PKG + "Epoll").getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(EPOLL_PKG + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
