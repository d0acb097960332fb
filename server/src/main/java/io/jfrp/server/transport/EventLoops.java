package io.jfrp.server.transport;

import io.jfrp.protocol.transport.HalfCloseSafeEpoll;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The server's event loops: one accept loop for every listener (bindPort, the proxies' public ports,
 * the vhost ports) and the worker loops every accepted connection, yamux stream and control runs on.
 *
 * <p>Epoll where it is available, unless {@code -Djfrp.epoll=false} asks for NIO
 * ({@link HalfCloseSafeEpoll#chosen}). The epoll loops are
 * {@link HalfCloseSafeEpoll}'s: Netty 4.2.18's own epoll transport loses data written after a
 * socket's input has been shut down (it takes the socket out of epoll and then fails to ask for
 * writability, cutting the stream after a few MiB), which a tunnel carrying half-close meets;
 * {@code NettyEpollHalfClosedWriteTest} in e2e reproduces it with Netty alone.
 *
 * <p>QUIC's UDP socket (quicBindPort) is on the workers' loops, a plain socket of their type. With
 * {@code -Djfrp.quic.epoll=true} (and epoll available) it is an epoll socket with segmentation offload
 * and batched reads ({@link QuicUdpSocket}), on a loop of its own when the workers are NIO (the
 * half-close bug concerns TCP sockets only). Opt-in: on a quiet machine it carried no more than NIO
 * (docs/transports.md).
 *
 * <p>Thread-safe.
 */
public final class EventLoops implements AutoCloseable {
    /** Netty's graceful-shutdown quiet period; see {@link #close()}. */
    static final long SHUTDOWN_QUIET_MILLIS = 50;

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup workerGroup;
    /** The worker loops by open public connections, for public connections ({@link #publicConnectionLoops}). */
    private final EventLoopGroup publicConnectionLoops;
    private final Class<? extends ServerChannel> serverChannel;
    private final AcceptFailureHandler acceptFailures = new AcceptFailureHandler();
    private final Class<? extends DatagramChannel> datagramChannel;
    /** The loop of QUIC's UDP socket: the workers, or a loop of its own for an epoll socket. */
    private final EventLoopGroup quicGroup;
    private final boolean quicEpoll;

    private EventLoops(boolean epoll, boolean quicEpoll) {
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1,
                epoll ? HalfCloseSafeEpoll.newFactory() : NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(0,
                epoll ? HalfCloseSafeEpoll.newFactory() : NioIoHandler.newFactory());
        this.publicConnectionLoops = new SpreadLoops(workerGroup);
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.datagramChannel = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        this.quicEpoll = quicEpoll;
        this.quicGroup = quicEpoll && !epoll ? new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()) : workerGroup;
    }

    /**
     * Epoll loops where epoll is available and {@code -Djfrp.epoll=false} does not say no, else NIO;
     * QUIC's socket on epoll when {@code -Djfrp.quic.epoll=true} and it is available.
     */
    public static EventLoops create() {
        return new EventLoops(HalfCloseSafeEpoll.chosen(),
                Boolean.getBoolean("jfrp.quic.epoll") && Epoll.isAvailable());
    }

    /**
     * {@code preferred} when it is one of the worker loops, else the worker group: where to register
     * a connection that should share a control's loop (a QUIC control's loop may be the QUIC
     * socket's epoll loop, on which NIO sockets cannot be registered).
     */
    public EventLoopGroup workerLoopOr(Executor preferred) {
        for (EventExecutor loop : workerGroup) {
            if (loop == preferred) {
                return (EventLoop) loop;
            }
        }
        return workerGroup;
    }

    /** The loop group of QUIC's UDP socket (its connections and streams run there too). */
    public EventLoopGroup quicGroup() {
        return quicGroup;
    }

    /** Whether QUIC's UDP socket is an epoll socket (with segmentation offload). */
    public boolean quicEpoll() {
        return quicEpoll;
    }

    /** The worker loops: connections, streams, controls. */
    public EventLoopGroup workerGroup() {
        return workerGroup;
    }

    /**
     * The worker loops for a listener of public connections whose relays do not share a session's
     * loop (tcp proxies without tcpMux, tcp load-balancing groups): each connection on the loop with
     * the fewest such connections open, in a turn of their own among equals, not the workers' (which
     * every accepted connection advances), so that one client's public connections, and the relays
     * each work connection joins on their loop, spread over all of them ({@link SpreadLoops}).
     */
    public EventLoopGroup publicConnectionLoops() {
        return publicConnectionLoops;
    }

    /**
     * A bootstrap for a listener on these loops (accept loop, worker loops, the server socket type),
     * whose failed accepts (out of file descriptors) pause it briefly and are logged once per interval
     * ({@link AcceptFailureHandler}).
     */
    public ServerBootstrap serverBootstrap() {
        return serverBootstrap(workerGroup);
    }

    /**
     * As {@link #serverBootstrap()}, with the accepted connections on {@code connectionLoops}: one
     * of the worker loops (an {@link io.netty.channel.EventLoop} is a group of itself) to keep a
     * client's public connections on the loop of its session.
     */
    public ServerBootstrap serverBootstrap(EventLoopGroup connectionLoops) {
        return new ServerBootstrap().group(acceptGroup, connectionLoops).channel(serverChannel).handler(acceptFailures);
    }

    /** The UDP socket type of these loops (kcpBindPort, quicBindPort). */
    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }

    /** A bootstrap for a UDP socket (a udp proxy's public port) on a worker loop. */
    public Bootstrap datagramBootstrap() {
        return datagramBootstrap(workerGroup);
    }

    /** A bootstrap for a UDP socket on {@code loops} (one of the worker loops, say). */
    public Bootstrap datagramBootstrap(EventLoopGroup loops) {
        return new Bootstrap().group(loops).channel(datagramChannel);
    }

    /** Stops both groups and waits for them (at most about 2 s each). */
    @Override
    public void close() {
        // A quiet period above zero: with zero, Netty 4.2's SingleThreadIoEventLoop can terminate
        // without closing its channels (prepareToDestroy is skipped when shutdown is requested just
        // after the loop checked for it), leaking e.g. proxy listeners that then hold their ports.
        acceptGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        if (quicGroup != workerGroup) {
            quicGroup.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
