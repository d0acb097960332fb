package io.jfrp.server;

import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.relay.Relay;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A tcp proxy: a public listener on remotePort whose every connection is piped through one of
 * the client's work connections to its local service.
 *
 * <p>A public connection is accepted with reading off and held; its {@link WorkConnBridge} takes a
 * work connection (waiting up to userConnTimeout), sends StartWorkConn, switches it to the proxy's
 * wrapping (encryption, compression) and joins the two with a {@link Relay}.
 */
final class TcpProxy implements Proxy {
    private static final int RANDOM_PORT_TRIES = 20;

    private final ServerControl control;
    private final NewProxy req;
    private final WorkConnBridge bridge;
    private Channel listener;
    private int reservedPort;
    private int tries;

    TcpProxy(ServerControl control, NewProxy req) {
        this.control = control;
        this.req = req;
        this.bridge = new WorkConnBridge(control, req);
    }

    @Override
    public String name() {
        return req.proxyName();
    }

    int port() {
        return reservedPort;
    }

    @Override
    public Future<String> start() {
        Promise<String> started = control.executor().newPromise();
        bind().addListener(f -> {
            if (f.isSuccess()) {
                started.trySuccess(":" + reservedPort);
            } else {
                started.tryFailure(new IllegalStateException(bindError(f.cause()), f.cause()));
            }
        });
        return started;
    }

    /** Reserves the port (allowPorts, maxPortsPerClient) and binds it; fails with the reason. */
    Future<Void> bind() {
        ServerContext server = control.server();
        Promise<Void> done = control.executor().newPromise();
        int port = req.remotePort();
        if (port == 0) {
            bindRandom(done);
            return done;
        }
        String refused = server.ports.reserve(control.runId(), port);
        if (refused != null) {
            done.setFailure(new IllegalArgumentException(refused));
            return done;
        }
        reservedPort = port;
        bindPort(port).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                listener = f.channel();
                done.trySuccess(null);
            } else {
                server.ports.release(control.runId(), port);
                reservedPort = 0;
                done.tryFailure(f.cause());
            }
        });
        return done;
    }

    /** remotePort 0: a free port the policy allows, chosen at random. */
    private void bindRandom(Promise<Void> done) {
        ServerContext server = control.server();
        int candidate = ThreadLocalRandom.current().nextInt(10000, 60000);
        for (int i = 0; i < 65535; i++, candidate = candidate % 65535 + 1) {
            if (server.ports.reserve(control.runId(), candidate) == null) {
                int port = candidate;
                reservedPort = port;
                bindPort(port).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        listener = f.channel();
                        done.trySuccess(null);
                    } else {
                        server.ports.release(control.runId(), port);
                        reservedPort = 0;
                        if (++tries < RANDOM_PORT_TRIES) {
                            bindRandom(done);
                        } else {
                            done.tryFailure(new IllegalStateException("no free port for remotePort = 0"));
                        }
                    }
                });
                return;
            }
        }
        done.tryFailure(new IllegalStateException("no allowed port is free"));
    }

    private ChannelFuture bindPort(int port) {
        ServerContext server = control.server();
        return new ServerBootstrap()
                .group(server.acceptGroup, server.workerGroup)
                .channel(server.serverChannelClass)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new PublicConnection())
                .bind(new InetSocketAddress(server.options.proxyBindAddr(), port));
    }

    /** The error text for NewProxyResp when binding failed. */
    String bindError(Throwable cause) {
        // NIO reports a BindException, epoll a NativeIoException: both are IOExceptions.
        if (cause instanceof IOException) {
            return "port " + req.remotePort() + " is unavailable: " + cause.getMessage();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (reservedPort != 0) {
            control.server().ports.release(control.runId(), reservedPort);
            reservedPort = 0;
        }
    }

    /** Hands each public connection to the bridge. Stateless, so one serves all. */
    @io.netty.channel.ChannelHandler.Sharable
    private final class PublicConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // The public peer may send (and even half-close) before a work connection is ready.
            Relay.holdUntilJoined(ctx.channel());
            ctx.pipeline().remove(this);
            bridge.relay((DuplexChannel) ctx.channel(), null);
        }
    }
}
