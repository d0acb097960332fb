package io.jfrp.bench.mux;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.NettyLoops;
import io.jfrp.bench.paths.Net;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * "mux-memory": the heap the yamux multiplexer takes per stream, in this JVM (heap used after
 * repeated full GCs); one round, path "yamux".
 * <ul>
 *   <li><b>Idle streams.</b> N streams on one session. Heap before (B0), with every stream open (B1), and
 *   after the accepting session is removed from its pipeline (B2), which closes its streams without
 *   writing: opener (B2 − B0) / N, acceptor (B1 − B2) / N.</li>
 *   <li><b>Finished streams.</b> M short streams: 100 bytes and a FIN each way, then forgotten by both
 *   sessions. Heap after minus before, per stream, should be about 0.</li>
 * </ul>
 */
public final class MuxMemoryScenario extends Scenario {
    static final String NAME = "mux-memory";
    static final String PATH = "yamux";

    public MuxMemoryScenario() {
        super(NAME, "heap per idle yamux stream on each side, and heap kept per finished stream (bytes)");
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> ignored, Results results) throws Exception {
        YamuxConfig base = YamuxConfig.defaults();
        try (LoopbackPair.Loops loops = LoopbackPair.Loops.open()) {
            idleStreams(loops, ctx.quick() ? 10_000 : 100_000, base, results);
            finishedStreams(loops, ctx.quick() ? 2_000 : 20_000, base, results);
        }
    }

    private static void idleStreams(LoopbackPair.Loops loops, int n, YamuxConfig base, Results results)
            throws Exception {
        YamuxConfig config = base.withMaxConcurrentStreams(Math.max(n + 1024, base.maxConcurrentStreams()))
                .withFloodLimits(base.maxPingsPerSecond(), 10_000_000, 10_000_000);
        AtomicInteger accepted = new AtomicInteger();
        YamuxSession acceptor = new YamuxSession(YamuxRole.SERVER, config, NettyLoops.initializer(ch -> {
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter());
            accepted.incrementAndGet();
        }));
        try (LoopbackPair pair = LoopbackPair.open(loops, acceptor, new YamuxSession(YamuxRole.CLIENT, config, null))) {
            YamuxSession opener = YamuxSession.of(pair.client());
            long b0 = heapAfterGc();
            openInBatches(opener, pair, n, ChannelInboundHandlerAdapter::new, target -> accepted.get() >= target,
                    "the acceptor to take the streams");
            await(() -> opener.streamCount() == n, 30, "the opener's stream count");
            Thread.sleep(500); // the last ACKs
            long b1 = heapAfterGc();
            pair.server().eventLoop().submit(() -> pair.server().pipeline().remove(acceptor)).sync();
            await(acceptor::isClosed, 10, "the accepting session to end");
            long b2 = heapAfterGc();
            results.add(NAME, "heap per idle stream, opener", PATH, (b2 - b0) / (double) n, "bytes", false);
            results.add(NAME, "heap per idle stream, acceptor", PATH, (b1 - b2) / (double) n, "bytes", false);
            results.note(String.format(Locale.ROOT, "%s: %,d idle streams on one session: heap %d MiB before, %d MiB "
                    + "with them, %d MiB with the opening side's only", NAME, n, b0 >> 20, b1 >> 20, b2 >> 20));
        }
    }

    private static void finishedStreams(LoopbackPair.Loops loops, int m, YamuxConfig base, Results results)
            throws Exception {
        YamuxConfig config = base.withFloodLimits(base.maxPingsPerSecond(), 10_000_000, 10_000_000);
        AtomicInteger acceptorDone = new AtomicInteger();
        AtomicInteger openerDone = new AtomicInteger();
        ChannelHandler answerFin = NettyLoops.initializer(ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) {
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                if (evt instanceof ChannelInputShutdownEvent) {
                    ((YamuxStreamChannel) c.channel()).shutdownOutput();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext c) {
                acceptorDone.incrementAndGet();
            }
        }));
        YamuxSession acceptor = new YamuxSession(YamuxRole.SERVER, config, answerFin);
        ByteBuf hundred = Unpooled.unreleasableBuffer(Unpooled.directBuffer(100).writeZero(100));
        try (LoopbackPair pair = LoopbackPair.open(loops, acceptor, new YamuxSession(YamuxRole.CLIENT, config, null))) {
            YamuxSession opener = YamuxSession.of(pair.client());
            long b0 = heapAfterGc();
            openInBatches(opener, pair, m, () -> new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext c) {
                    // graceful: FIN once the bytes are framed; the id is kept until the peer's FIN
                    c.writeAndFlush(hundred.duplicate()).addListener(ChannelFutureListener.CLOSE);
                }

                @Override
                public void channelInactive(ChannelHandlerContext c) {
                    openerDone.incrementAndGet();
                }
            }, target -> acceptorDone.get() >= target && openerDone.get() >= target,
                    "a batch of short streams to finish");
            await(() -> opener.streamCount() == 0 && acceptor.streamCount() == 0, 30,
                    "both sessions to forget every stream");
            results.add(NAME, "heap kept per finished stream", PATH, (heapAfterGc() - b0) / (double) m, "bytes",
                    false);
        } finally {
            hundred.unwrap().release();
        }
    }

    /**
     * Opens {@code n} streams on {@code opener} in batches of 1,000, waiting after each batch until
     * {@code done} holds for the streams so far; fails when a stream could not open.
     */
    private static void openInBatches(YamuxSession opener, LoopbackPair pair, int n, Supplier<ChannelHandler> handler,
                                      IntPredicate done, String what) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        for (int start = 0; start < n; start += 1000) {
            int count = Math.min(1000, n - start);
            pair.client().eventLoop().execute(() -> {
                for (int i = 0; i < count; i++) {
                    opener.openStream(handler.get()).addListener(f -> {
                        if (!f.isSuccess()) {
                            failed.incrementAndGet();
                        }
                    });
                }
            });
            int target = start + count;
            await(() -> done.test(target) || failed.get() > 0, 60, what + " (" + target + ")");
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " streams failed to open");
            }
        }
    }

    private static void await(BooleanSupplier condition, long seconds, String what) throws Exception {
        Net.await(NAME + ": " + what, Duration.ofSeconds(seconds), condition, () -> null);
    }

    /** Heap in use after repeated full GCs, until two readings agree within 64 KiB (at most 10). */
    static long heapAfterGc() throws InterruptedException {
        long previous = -1;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(used - previous) < 64 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
