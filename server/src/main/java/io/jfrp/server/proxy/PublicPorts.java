package io.jfrp.server.proxy;

import io.jfrp.protocol.relay.RelayReads;
import io.jfrp.server.transport.EventLoops;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * The public ports proxies listen on: reserved under the server's {@link PortPolicy} (allowPorts,
 * maxPortsPerClient, one owner per port), bound on proxyBindAddr with the options of a relayed
 * connection (reading off until the work connection is there, half-closure, no Nagle), and given
 * back when closed. {@code remotePort = 0} picks a free allowed port at random, as frps does.
 *
 * <p>Thread-safe (the state is the policy's).
 *
 * @param policy   who may have which port
 * @param loops    where listeners and their connections run
 * @param bindAddr proxyBindAddr
 */
public record PublicPorts(PortPolicy policy, EventLoops loops, String bindAddr) {
    /** The port a bound listener holds under the policy, until {@link #close} gives it back. */
    private static final AttributeKey<Integer> RESERVED_PORT = AttributeKey.valueOf(PublicPorts.class, "reservedPort");
    /** Binds tried for {@code remotePort = 0} before giving up. */
    private static final int RANDOM_PORT_TRIES = 20;

    /**
     * Reserves {@code port} (0 = a free allowed one) in the name {@code owner} gives it and binds a
     * listener whose connections get {@code childHandler}, spread over the worker loops
     * ({@link EventLoops#publicConnectionLoops()}). The future, completed on {@code executor},
     * gives the listener, or fails with the error for NewProxyResp (not allowed, in use, unavailable).
     */
    public Future<Channel> listen(IntFunction<String> owner, int port, ChannelHandler childHandler,
                                  EventExecutor executor) {
        return listen(owner, port, childHandler, executor, loops.publicConnectionLoops());
    }

    /**
     * As {@link #listen(IntFunction, int, ChannelHandler, EventExecutor)}, with the accepted
     * connections registered on {@code connectionLoops}: a proxy of one client passes its control's
     * loop, which with tcpMux is also the loop of the yamux session and so of every work stream. The
     * relay between a public connection and its stream then runs on one thread, with no hand-over
     * of each read to another loop (a task and a wake-up per read, which on a busy machine waits in
     * the run queue every time).
     */
    public Future<Channel> listen(IntFunction<String> owner, int port, ChannelHandler childHandler,
                                  EventExecutor executor, EventLoopGroup connectionLoops) {
        return reserveAndBind(policy, owner, port, p -> bind(p, childHandler, connectionLoops), executor);
    }

    /**
     * Reserves {@code port} under {@code policy} (0 = a free allowed one, tried at random) and binds it
     * with {@code bind}; a port that cannot be bound is given back. The future, completed on
     * {@code executor}, gives the bound channel or fails with the error for NewProxyResp. Shared by the
     * TCP listeners here and the udp proxies' sockets.
     */
    public static Future<Channel> reserveAndBind(PortPolicy policy, IntFunction<String> owner, int port,
                                                 IntFunction<ChannelFuture> bind, EventExecutor executor) {
        Promise<Channel> bound = executor.newPromise();
        if (port == 0) {
            bindRandom(policy, owner, bind, bound, 0);
        } else {
            ProxyRefusal refused = policy.reserve(owner.apply(port), port);
            if (refused != null) {
                bound.setFailure(refused);
            } else {
                bind.apply(port).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        f.channel().attr(RESERVED_PORT).set(port);
                        bound.trySuccess(f.channel());
                    } else {
                        policy.release(owner.apply(port), port);
                        bound.tryFailure(bindError(port, f.cause()));
                    }
                });
            }
        }
        return bound;
    }

    private static void bindRandom(PortPolicy policy, IntFunction<String> owner, IntFunction<ChannelFuture> bind,
                                   Promise<Channel> bound, int tries) {
        int candidate = ThreadLocalRandom.current().nextInt(10000, 60000);
        for (int i = 0; i < 65535; i++, candidate = candidate % 65535 + 1) {
            int port = candidate;
            ProxyRefusal refused = policy.reserve(owner.apply(port), port);
            if (ProxyRefusal.EXCEED_MAX_PORTS.equals(refused == null ? null : refused.getMessage())) {
                bound.tryFailure(refused);
                return;
            }
            if (refused == null) {
                bind.apply(port).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        f.channel().attr(RESERVED_PORT).set(port);
                        bound.trySuccess(f.channel());
                        return;
                    }
                    policy.release(owner.apply(port), port);
                    if (tries + 1 < RANDOM_PORT_TRIES) {
                        bindRandom(policy, owner, bind, bound, tries + 1);
                    } else {
                        bound.tryFailure(new ProxyRefusal(ProxyRefusal.NO_AVAILABLE_PORT,
                                "no free port for remotePort = 0 after " + RANDOM_PORT_TRIES + " tries"));
                    }
                });
                return;
            }
        }
        bound.tryFailure(new ProxyRefusal(ProxyRefusal.NO_AVAILABLE_PORT, "no allowed port is free"));
    }

    private ChannelFuture bind(int port, ChannelHandler childHandler, EventLoopGroup connectionLoops) {
        return loops.serverBootstrap(connectionLoops)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RelayReads.allocator())
                .childHandler(childHandler)
                .bind(new InetSocketAddress(bindAddr, port));
    }

    /** frps's "port unavailable" (its port manager tries a bind first) when the bind fails, with why for the log. */
    private static RuntimeException bindError(int port, Throwable cause) {
        // NIO reports a BindException, epoll a NativeIoException: both are IOExceptions.
        if (cause instanceof IOException) {
            ProxyRefusal refusal = new ProxyRefusal(ProxyRefusal.PORT_UNAVAILABLE,
                    "port " + port + " is unavailable: " + cause.getMessage());
            refusal.initCause(cause);
            return refusal;
        }
        return new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }

    /**
     * Closes a listener from {@link #listen} (or a socket from {@link #reserveAndBind}) and gives its
     * port back once it is closed (so the port is never offered while still bound). Idempotent: the
     * port is given back once, however often this is called, even when the listener was closed
     * otherwise meanwhile. Safe while the listener's loop stops (the server shutting down): that loop
     * closes its channels itself and rejects new tasks, so the port is given back at once.
     */
    public void close(IntFunction<String> owner, Channel listener) {
        Integer port = listener.attr(RESERVED_PORT).getAndSet(null);
        if (port == null) { // given back already
            listener.close();
            return;
        }
        String runId = owner.apply(port);
        if (listener.eventLoop().isShuttingDown()) {
            listener.close();
            policy.release(runId, port);
            return;
        }
        listener.close().addListener(f -> policy.release(runId, port));
    }
}
