package io.jfrp.bench.mux;

import io.jfrp.bench.load.NettyLoops;
import io.jfrp.bench.paths.Net;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One TCP connection on 127.0.0.1 within this JVM, its accepting end on one event loop and its
 * dialling end on another (so that sending and receiving each have a core of their own).
 *
 * @param listener the listening socket {@code server} was accepted on; {@code client} dialled it
 */
record LoopbackPair(Channel listener, Channel server, Channel client) implements AutoCloseable {
    /** Two one-thread event loops, receiving side first; shut them down when done. */
    record Loops(EventLoopGroup server, EventLoopGroup client) implements AutoCloseable {
        static Loops open() {
            return new Loops(NettyLoops.newGroup(1), NettyLoops.newGroup(1));
        }

        @Override
        public void close() {
            client.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            server.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Connects; {@code serverSide} goes into the accepted channel's pipeline, {@code clientSide} into the dialler's. */
    static LoopbackPair open(Loops loops, ChannelHandler serverSide, ChannelHandler clientSide)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel listener = NettyLoops.tcpServer(loops.server(), ch -> {
            ch.pipeline().addLast(serverSide);
            accepted.complete(ch);
        }).bind(Net.LOOPBACK, 0).sync().channel();
        try {
            Channel client = new Bootstrap().group(loops.client()).channel(NettyLoops.socketChannel())
                    .handler(clientSide).connect(listener.localAddress()).sync().channel();
            return new LoopbackPair(listener, accepted.get(10, TimeUnit.SECONDS), client);
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        server.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
