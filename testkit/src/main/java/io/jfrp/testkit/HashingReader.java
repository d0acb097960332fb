package io.jfrp.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * The last handler of a stream channel under test: hashes (SHA-256) what it reads until {@code expected}
 * bytes arrived, then completes {@link #done} with the hex digest. The channel closing first, or an error,
 * completes {@link #done} exceptionally (an error also closes the channel).
 */
public final class HashingReader extends ChannelInboundHandlerAdapter {
    /** The hex SHA-256 of the first {@code expected} bytes read (or more, if the last read ran past). */
    public final CompletableFuture<String> done = new CompletableFuture<>();
    private final long expected;
    private final boolean echo;
    private final MessageDigest digest = sha256();
    private long received;

    private HashingReader(long expected, boolean echo) {
        this.expected = expected;
        this.echo = echo;
    }

    /** A reader that releases what it hashed. */
    public static HashingReader collecting(long expected) {
        return new HashingReader(expected, false);
    }

    /** A reader that writes what it hashed back to the peer. */
    public static HashingReader echoing(long expected) {
        return new HashingReader(expected, true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        received += buf.readableBytes();
        digest.update(buf.nioBuffer());
        if (echo) {
            ctx.writeAndFlush(buf);
        } else {
            buf.release();
        }
        if (received >= expected) {
            done.complete(HexFormat.of().formatHex(digest.digest()));
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
