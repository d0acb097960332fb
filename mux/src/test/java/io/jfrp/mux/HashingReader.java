package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Test support: hashes what a stream receives until the peer's FIN, then completes {@link #done}
 * with the SHA-256 (hex) and calls {@link #inputShutdown}, which a test overrides to answer.
 */
class HashingReader extends ChannelInboundHandlerAdapter {
    final CompletableFuture<String> done;
    private final MessageDigest md = HashingStreamClient.sha256();

    HashingReader() {
        this(new CompletableFuture<>());
    }

    /** Completes {@code done}, which the test holds, with the hash of what arrived. */
    HashingReader(CompletableFuture<String> done) {
        this.done = done;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        md.update(b.nioBuffer());
        b.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            done.complete(HexFormat.of().formatHex(md.digest()));
            inputShutdown(ctx);
        }
    }

    /** Called on the stream's loop after the peer's FIN, once {@link #done} is complete. */
    void inputShutdown(ChannelHandlerContext ctx) {
    }
}
