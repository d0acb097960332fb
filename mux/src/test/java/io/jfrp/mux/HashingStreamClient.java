package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Test support: sends {@code size} seeded random bytes on a stream with backpressure (writes only
 * while writable), half-closes, and hashes what comes back until the peer's FIN. {@link #result}
 * completes with the SHA-256 of what was received; {@link #sentSha256} is that of what was sent.
 */
final class HashingStreamClient extends ChannelInboundHandlerAdapter {
    private static final int CHUNK = 32 * 1024;

    final CompletableFuture<String> result = new CompletableFuture<>();
    final String sentSha256;
    private final byte[] payload;
    private final MessageDigest received = sha256();
    private final boolean halfCloseAfterSending;
    private int offset;
    long receivedBytes;

    HashingStreamClient(int size, long seed, boolean halfCloseAfterSending) {
        this.payload = new byte[size];
        new Random(seed).nextBytes(payload);
        this.sentSha256 = HexFormat.of().formatHex(sha256().digest(payload));
        this.halfCloseAfterSending = halfCloseAfterSending;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    int size() {
        return payload.length;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        writeMore(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writeMore(ctx);
    }

    private void writeMore(ChannelHandlerContext ctx) {
        if (offset < 0) {
            return;
        }
        boolean wrote = false;
        while (offset >= 0 && offset < payload.length && ctx.channel().isWritable()) {
            int n = Math.min(CHUNK, payload.length - offset);
            ByteBuf chunk = Unpooled.wrappedBuffer(payload, offset, n);
            // Advance first: write() may fire writability events that re-enter writeMore().
            offset += n;
            ctx.write(chunk, ctx.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        if (offset == payload.length) {
            offset = -1;
            if (halfCloseAfterSending) {
                ((YamuxStreamChannel) ctx.channel()).shutdownOutput();
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            receivedBytes += buf.readableBytes();
            received.update(buf.nioBuffer());
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            result.complete(HexFormat.of().formatHex(received.digest()));
        } else if (evt == YamuxStreamResetEvent.INSTANCE) {
            result.completeExceptionally(new AssertionError("stream reset by peer"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new AssertionError("stream closed before the peer's FIN, "
                + receivedBytes + " bytes received"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
    }
}
