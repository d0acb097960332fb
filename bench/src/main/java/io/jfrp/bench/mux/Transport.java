package io.jfrp.bench.mux;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.Locale;

/**
 * Native epoll when it loads, NIO otherwise (or as forced). The epoll classes are reached by
 * reflection: bench's pom has them on the runtime class path only (netty-transport-classes-epoll
 * comes in through the native jar at runtime scope).
 */
enum Transport {
    EPOLL, NIO;

    private static final String EPOLL_PKG = "io.netty.channel.epoll.";

    /** {@code auto}, {@code epoll} or {@code nio}; {@code auto} picks epoll when available. */
    static Transport choose(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "auto":
                return epollAvailable() ? EPOLL : NIO;
            case "epoll":
                if (!epollAvailable()) {
                    throw new IllegalStateException("native epoll is not available: " + epollUnavailabilityCause());
                }
                return EPOLL;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException("transport must be auto, epoll or nio, got " + name);
        }
    }

    private static boolean epollAvailable() {
        try {
            return (Boolean) Class.forName(EPOLL_PKG + "Epoll").getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    private static Object epollUnavailabilityCause() {
        try {
            return Class.forName(EPOLL_PKG + "Epoll").getMethod("unavailabilityCause").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return e;
        }
    }

    IoHandlerFactory ioHandlerFactory() {
        if (this == NIO) {
            return NioIoHandler.newFactory();
        }
        try {
            return (IoHandlerFactory) Class.forName(EPOLL_PKG + "EpollIoHandler").getMethod("newFactory").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    @SuppressWarnings("unchecked")
    Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? (Class<? extends SocketChannel>) load("EpollSocketChannel") : NioSocketChannel.class;
    }

    @SuppressWarnings("unchecked")
    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? (Class<? extends ServerChannel>) load("EpollServerSocketChannel") : NioServerSocketChannel.class;
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(EPOLL_PKG + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
