package io.jfrp.server;

import io.jfrp.server.group.GroupListeners;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listeners for tcp load-balancing groups on the server: ports come from the server's
 * {@link PortPolicy} (allowPorts) and listeners bind on proxyBindAddr with the same options as a
 * tcp proxy's. A group's port is reserved in the group's name ({@code lb-group:<port>}), not a
 * client's, since members come and go.
 */
final class ServerGroupListeners implements GroupListeners {
    private static final int RANDOM_PORT_TRIES = 20;

    private final ServerContext server;

    ServerGroupListeners(ServerContext server) {
        this.server = server;
    }

    private static String owner(int port) {
        return "lb-group:" + port;
    }

    @Override
    public Future<Channel> listen(int port, ChannelHandler childHandler) {
        Promise<Channel> bound = server.workerGroup.next().newPromise();
        if (port == 0) {
            listenRandom(childHandler, bound, 0);
        } else {
            listenOn(port, childHandler, bound);
        }
        return bound;
    }

    private void listenOn(int port, ChannelHandler childHandler, Promise<Channel> bound) {
        String refused = server.ports.reserve(owner(port), port);
        if (refused != null) {
            bound.setFailure(new IllegalArgumentException(refused));
            return;
        }
        bind(port, childHandler).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                bound.trySuccess(f.channel());
            } else {
                server.ports.release(owner(port), port);
                bound.tryFailure(new IllegalStateException(bindError(port, f.cause()), f.cause()));
            }
        });
    }

    /** remotePort 0: a free allowed port chosen at random, as for a tcp proxy. */
    private void listenRandom(ChannelHandler childHandler, Promise<Channel> bound, int tries) {
        int candidate = ThreadLocalRandom.current().nextInt(10000, 60000);
        for (int i = 0; i < 65535; i++, candidate = candidate % 65535 + 1) {
            int port = candidate;
            if (server.ports.reserve(owner(port), port) == null) {
                bind(port, childHandler).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        bound.trySuccess(f.channel());
                        return;
                    }
                    server.ports.release(owner(port), port);
                    if (tries + 1 < RANDOM_PORT_TRIES) {
                        listenRandom(childHandler, bound, tries + 1);
                    } else {
                        bound.tryFailure(new IllegalStateException("no free port for remotePort = 0"));
                    }
                });
                return;
            }
        }
        bound.tryFailure(new IllegalStateException("no allowed port is free"));
    }

    private ChannelFuture bind(int port, ChannelHandler childHandler) {
        return new ServerBootstrap()
                .group(server.acceptGroup, server.workerGroup)
                .channel(server.serverChannelClass)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(childHandler)
                .bind(new InetSocketAddress(server.options.proxyBindAddr(), port));
    }

    private static String bindError(int port, Throwable cause) {
        if (cause instanceof IOException) {
            return "port " + port + " is unavailable: " + cause.getMessage();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public void close(Channel listener) {
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        if (address == null) { // closed already
            listener.close();
            return;
        }
        int port = address.getPort();
        listener.close().addListener(f -> server.ports.release(owner(port), port));
    }
}
