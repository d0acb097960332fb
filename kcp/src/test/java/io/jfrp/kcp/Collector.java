package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/** Hashes what a channel reads until {@code expected} bytes arrived, then completes {@link #done}. */
final class Collector extends ChannelInboundHandlerAdapter {
    private final long expected;
    private final MessageDigest digest = EchoHandler.sha256();
    private long received;
    final CompletableFuture<String> done = new CompletableFuture<>();

    Collector(long expected) {
        this.expected = expected;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            received += buf.readableBytes();
            digest.update(buf.nioBuffer());
            if (received >= expected) {
                done.complete(HexFormat.of().formatHex(digest.digest()));
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done.completeExceptionally(new IllegalStateException("closed after " + received + " bytes"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        done.completeExceptionally(cause);
        ctx.close();
    }
}
