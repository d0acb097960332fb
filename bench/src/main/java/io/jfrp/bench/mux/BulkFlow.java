package io.jfrp.bench.mux;

import io.jfrp.bench.BenchLog;
import io.jfrp.mux.YamuxStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One throughput measurement: writers push a shared payload, counters on the far side add up what
 * arrives. It is over when every writer has stopped (byte limit or deadline) and every byte
 * written has been counted at the receiver; the clock runs from the first write to that moment.
 */
final class BulkFlow {
    final long bytesPerWriter;
    final long sendDeadlineNanos;
    final ByteBuf payload;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger writersLeft;
    private final AtomicLong startNanos = new AtomicLong();
    private volatile boolean sendersDone;
    private volatile long endNanos;
    /** Largest receive window seen on a receiving yamux stream (0 for raw TCP). */
    private final AtomicInteger maxReceiveWindow = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);

    BulkFlow(int writers, long bytesPerWriter, long sendDeadlineNanos, ByteBuf payload) {
        this.writersLeft = new AtomicInteger(writers);
        this.bytesPerWriter = bytesPerWriter;
        this.sendDeadlineNanos = sendDeadlineNanos;
        this.payload = payload;
    }

    void markStart() {
        startNanos.compareAndSet(0, System.nanoTime());
    }

    void onReceived(long n) {
        long r = received.addAndGet(n);
        if (sendersDone && r >= sent.get()) {
            finish();
        }
    }

    void writerFinished(long bytes) {
        sent.addAndGet(bytes);
        if (writersLeft.decrementAndGet() == 0) {
            sendersDone = true;
            if (received.get() >= sent.get()) {
                finish();
            }
        }
    }

    private synchronized void finish() {
        if (endNanos == 0) {
            endNanos = System.nanoTime();
            done.countDown();
        }
    }

    int maxReceiveWindow() {
        return maxReceiveWindow.get();
    }

    long received() {
        return received.get();
    }

    long sent() {
        return sent.get();
    }

    double seconds() {
        return (endNanos - startNanos.get()) / 1e9;
    }

    /** Counts and drops what arrives; shared by every stream/connection of a run. */
    @ChannelHandler.Sharable
    static final class Counter extends ChannelInboundHandlerAdapter {
        private final BulkFlow flow;

        Counter(BulkFlow flow) {
            this.flow = flow;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                flow.onReceived(((ByteBuf) msg).readableBytes());
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof YamuxStreamChannel stream) {
                flow.maxReceiveWindow.accumulateAndGet(stream.receiveWindow(), Math::max);
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            BenchLog.log("receiver " + ctx.channel() + " failed: " + cause);
            ctx.close();
        }
    }

    /** Writes the shared payload while the channel is writable: nothing is buffered beyond its high water mark. */
    static final class Writer extends ChannelInboundHandlerAdapter {
        private final BulkFlow flow;
        private long sent;
        private boolean finished;

        Writer(BulkFlow flow) {
            this.flow = flow;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            flow.markStart();
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
            if (finished) {
                return;
            }
            ByteBuf payload = flow.payload;
            int chunk = payload.readableBytes();
            boolean wrote = false;
            while (ctx.channel().isWritable()) {
                long left = flow.bytesPerWriter - sent;
                if (left <= 0 || System.nanoTime() - flow.sendDeadlineNanos >= 0) {
                    finished = true;
                    break;
                }
                int n = (int) Math.min(chunk, left);
                ctx.write(n == chunk ? payload.retainedDuplicate() : payload.retainedSlice(payload.readerIndex(), n),
                        ctx.voidPromise());
                sent += n;
                wrote = true;
            }
            if (wrote) {
                ctx.flush();
            }
            if (finished) {
                flow.writerFinished(sent);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!finished) {
                finished = true;
                BenchLog.log("writer " + ctx.channel() + " closed early after " + sent + " bytes");
                flow.writerFinished(sent);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            BenchLog.log("writer " + ctx.channel() + " failed: " + cause);
            ctx.close();
        }
    }
}
