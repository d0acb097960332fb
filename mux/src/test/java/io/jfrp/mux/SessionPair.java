package io.jfrp.mux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Test support: a yamux server and one client session connected to it, either over real TCP sockets
 * on 127.0.0.1 (one event loop for each side) or over Netty's in-VM LocalChannel (one group of two
 * loops). The server gives every accepted connection a new session and keeps them, in order, for the
 * test to inspect. {@link #close()} closes the client, then the server, then shuts the loops down;
 * registered on a test's field ({@code @RegisterExtension}), that happens after each test.
 */
final class SessionPair implements AutoCloseable, AfterEachCallback {
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Class<? extends ServerChannel> serverChannelType;
    private final Class<? extends Channel> clientChannelType;
    private final Supplier<SocketAddress> bindAddress;
    private final List<YamuxSession> serverSessions = new ArrayList<>();
    private final CompletableFuture<YamuxSession> firstServerSession = new CompletableFuture<>();
    private Channel serverChannel;
    private Channel clientChannel;

    private SessionPair(EventLoopGroup serverGroup, EventLoopGroup clientGroup,
                        Class<? extends ServerChannel> serverChannelType, Class<? extends Channel> clientChannelType,
                        Supplier<SocketAddress> bindAddress) {
        this.serverGroup = serverGroup;
        this.clientGroup = clientGroup;
        this.serverChannelType = serverChannelType;
        this.clientChannelType = clientChannelType;
        this.bindAddress = bindAddress;
    }

    /** Real TCP sockets on 127.0.0.1 (an ephemeral port), a one-thread NIO loop for each side. */
    static SessionPair tcp() {
        return new SessionPair(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
                new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
                NioServerSocketChannel.class, NioSocketChannel.class, () -> new InetSocketAddress("127.0.0.1", 0));
    }

    /** Netty's in-VM LocalChannel, both sides in one group of two loops. */
    static SessionPair local() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
        return new SessionPair(group, group, LocalServerChannel.class, LocalChannel.class,
                () -> new LocalAddress("yamux-" + System.nanoTime()));
    }

    /**
     * Binds a server that runs a session from {@code serverSessions} on every accepted connection, and
     * connects {@code client} to it; returns {@code client} once connected.
     */
    YamuxSession connect(Supplier<YamuxSession> serverSessions, YamuxSession client) throws Exception {
        serverChannel = new ServerBootstrap().group(serverGroup).channel(serverChannelType)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        YamuxSession s = serverSessions.get();
                        synchronized (SessionPair.this.serverSessions) {
                            SessionPair.this.serverSessions.add(s);
                        }
                        ch.pipeline().addLast(s);
                        firstServerSession.complete(s);
                    }
                }).bind(bindAddress.get()).sync().channel();
        clientChannel = new Bootstrap().group(clientGroup).channel(clientChannelType)
                .handler(client).connect(serverChannel.localAddress()).sync().channel();
        return client;
    }

    /**
     * Connects a client session with {@code clientConfig} to a server whose sessions, with
     * {@code serverConfig}, echo every stream ({@link StreamEchoHandler}).
     */
    YamuxSession connectToEcho(YamuxConfig serverConfig, YamuxConfig clientConfig) throws Exception {
        return connect(() -> new YamuxSession(YamuxRole.SERVER, serverConfig, new StreamEchoHandler()),
                new YamuxSession(YamuxRole.CLIENT, clientConfig, null));
    }

    /** The server's first session, once its connection is accepted (waits up to 10 seconds). */
    YamuxSession serverSession() throws Exception {
        return firstServerSession.get(10, TimeUnit.SECONDS);
    }

    /** Whether the server has accepted a connection yet. */
    boolean hasServerSession() {
        return firstServerSession.isDone();
    }

    /** The client's connection (TCP or local). */
    Channel clientChannel() {
        return clientChannel;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        if (clientChannel != null) {
            clientChannel.close().sync();
        }
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        if (serverGroup != clientGroup) {
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
