package io.jfrp.certs;

import io.jfrp.testkit.EmbeddedBytes;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A TLS echo server on 127.0.0.1 and a client that sends bytes through it over real NIO sockets.
 * Records how the handshake ended on each side and what came back. Every inbound buffer is
 * released: the server passes each one to write (which releases it), the client copies and
 * releases.
 */
final class TlsEchoBed implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;

    private final EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;
    /** Completes with the server-side SslHandler when the first connection's handshake ends. */
    private final CompletableFuture<Handshake> serverHandshake = new CompletableFuture<>();

    /** How a handshake ended on one side: the protocol on success, the cause on failure. */
    record Handshake(boolean success, String protocol, Throwable cause) {
    }

    /** What a client saw. */
    record Exchange(Handshake client, Handshake server, byte[] received, Throwable receiveFailure) {
    }

    TlsEchoBed(SslContext serverContext) throws InterruptedException {
        serverChannel = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = serverContext.newHandler(ch.alloc());
                        ssl.handshakeFuture().addListener(f -> serverHandshake.complete(outcome(ssl, f.cause())));
                        ch.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Waits for the first server-side handshake to end, for clients other than {@link #exchange}. */
    Handshake awaitServerHandshake() throws Exception {
        return serverHandshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Connects with a handler made by {@code handlers} (given the channel), sends {@code payload}
     * after the client handshake and waits for the echo, a failure, or the connection closing.
     */
    Exchange exchange(Function<Channel, SslHandler> handlers, byte[] payload) throws Exception {
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        CompletableFuture<Handshake> clientHandshake = new CompletableFuture<>();
        Channel client = new Bootstrap().group(clientGroup).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = handlers.apply(ch);
                        ssl.handshakeFuture().addListener(f -> clientHandshake.complete(outcome(ssl, f.cause())));
                        ch.pipeline().addLast(ssl, new Collector(payload.length, received));
                    }
                }).connect(new InetSocketAddress("127.0.0.1", port())).sync().channel();
        try {
            Handshake clientSide = clientHandshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (clientSide.success()) {
                // A few writes, so the echo spans several TLS records and reads.
                int chunk = Math.max(1, payload.length / 3);
                for (int offset = 0; offset < payload.length; offset += chunk) {
                    int length = Math.min(chunk, payload.length - offset);
                    client.write(Unpooled.copiedBuffer(payload, offset, length));
                }
                client.flush();
            }
            Handshake serverSide = serverHandshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            byte[] bytes = null;
            Throwable failure = null;
            try {
                bytes = received.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause();
            }
            return new Exchange(clientSide, serverSide, bytes, failure);
        } finally {
            client.close().sync();
        }
    }

    private static Handshake outcome(SslHandler ssl, Throwable cause) {
        if (cause != null) {
            return new Handshake(false, null, cause);
        }
        return new Handshake(true, ssl.engine().getSession().getProtocol(), null);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Copies inbound bytes and releases each buffer; ends on the expected count, an error or close. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        private final int expected;
        private final CompletableFuture<byte[]> result;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Collector(int expected, CompletableFuture<byte[]> result) {
            this.expected = expected;
            this.result = result;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytes.writeBytes(EmbeddedBytes.readAndRelease(msg));
            if (bytes.size() >= expected) {
                result.complete(bytes.toByteArray());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new ClosedChannelException());
        }
    }
}
