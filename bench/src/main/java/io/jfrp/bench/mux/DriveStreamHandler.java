package io.jfrp.bench.mux;

import io.jfrp.mux.YamuxStreamResetEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One driven stream: writes seeded random bytes while the channel is writable (continuing on
 * writability changes), until {@code bytesToSend} are out or the send deadline passes, then
 * half-closes. It reads until the peer half-closes: with an echoing peer it checks that the bytes
 * back equal the bytes sent (count and SHA-256); with a discarding peer it expects no bytes, and the
 * peer's FIN tells that everything sent has arrived. Completes {@link #result} exactly once.
 */
final class DriveStreamHandler extends ChannelInboundHandlerAdapter {
    /** The outcome of one stream. */
    static final class Result {
        final int index;
        final long sent;
        final long received;
        final String error;
        final long endNanos;

        Result(int index, long sent, long received, String error, long endNanos) {
            this.index = index;
            this.sent = sent;
            this.received = received;
            this.error = error;
            this.endNanos = endNanos;
        }

        boolean ok() {
            return error == null;
        }
    }

    final CompletableFuture<Result> result = new CompletableFuture<>();
    private final int index;
    private final long bytesToSend;
    private final long sendDeadlineNanos;
    private final boolean expectEcho;
    private final SplittableRandom random;
    private final byte[] scratch;
    private final MessageDigest sentDigest;
    private final MessageDigest receivedDigest;
    private long sent;
    private long received;
    private boolean outputDone;

    /**
     * @param bytesToSend       bytes to send, or {@code Long.MAX_VALUE} to send until the deadline
     * @param sendDeadlineNanos stop sending at this {@link System#nanoTime()}, or {@code Long.MAX_VALUE}
     */
    DriveStreamHandler(int index, long bytesToSend, long sendDeadlineNanos, boolean expectEcho, long seed, int chunk) {
        this.index = index;
        this.bytesToSend = bytesToSend;
        this.sendDeadlineNanos = sendDeadlineNanos;
        this.expectEcho = expectEcho;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        this.scratch = new byte[(chunk + 7) & ~7];
        this.sentDigest = expectEcho ? sha256() : null;
        this.receivedDigest = expectEcho ? sha256() : null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        writeMore(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            writeMore(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void writeMore(ChannelHandlerContext ctx) {
        if (outputDone || result.isDone()) {
            return;
        }
        int chunk = scratch.length;
        boolean wrote = false;
        while (ctx.channel().isWritable()) {
            long remaining = bytesToSend - sent;
            if (remaining <= 0 || System.nanoTime() - sendDeadlineNanos >= 0) {
                outputDone = true;
                StreamIo.shutdownOutputAfterWrites(ctx.channel());
                return;
            }
            int n = (int) Math.min(chunk, remaining);
            for (int i = 0; i < n; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    scratch[i + j] = (byte) (r >>> (j * 8));
                }
            }
            if (sentDigest != null) {
                sentDigest.update(scratch, 0, n);
            }
            ByteBuf buf = ctx.alloc().directBuffer(n);
            buf.writeBytes(scratch, 0, n);
            ctx.write(buf, ctx.voidPromise());
            sent += n;
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf) {
                ByteBuf buf = (ByteBuf) msg;
                int n = buf.readableBytes();
                if (!expectEcho && n > 0) {
                    fail(ctx, "the peer sent " + n + " bytes; a discarding peer should send none");
                    return;
                }
                received += n;
                if (received > sent) {
                    fail(ctx, "echo longer than what was sent so far: " + received + " > " + sent);
                    return;
                }
                receivedDigest.update(buf.nioBuffer());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (!outputDone) {
                fail(ctx, "the peer half-closed before we finished sending (" + sent + " bytes sent)");
            } else if (expectEcho && received != sent) {
                fail(ctx, "echo length " + received + " != sent " + sent);
            } else if (expectEcho && !Arrays.equals(sentDigest.digest(), receivedDigest.digest())) {
                fail(ctx, "echo content differs from what was sent (SHA-256 mismatch over " + sent + " bytes)");
            } else {
                result.complete(new Result(index, sent, received, null, System.nanoTime()));
                ctx.close();
            }
        } else if (evt instanceof YamuxStreamResetEvent) {
            fail(ctx, "stream reset by the peer");
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, "closed before the peer half-closed (sent " + sent + ", received " + received + ")");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, "error: " + cause);
    }

    /** Also used for the run's timeout (from any thread). */
    void fail(ChannelHandlerContext ctx, String why) {
        if (result.complete(new Result(index, sent, received, why, System.nanoTime())) && ctx != null) {
            ctx.close();
        }
    }
}
