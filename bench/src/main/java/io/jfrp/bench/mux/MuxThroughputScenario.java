package io.jfrp.bench.mux;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.BenchLog;
import io.jfrp.bench.Results;
import io.jfrp.bench.Scenario;
import io.jfrp.bench.load.PhaseCpu;
import io.jfrp.bench.paths.DirectPath;
import io.jfrp.bench.paths.PathFactory;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * "mux-throughput": the yamux multiplexer alone, on one loopback TCP connection inside this JVM
 * ({@link LoopbackPair}): bulk data ({@link BulkFlow}) sent raw ({@code direct}), as one stream and as
 * {@value #STREAMS} streams sharing the bytes, after an untimed warm-up of each case. Figure: MB/s
 * (10^6 bytes); "d" is the ratio to raw TCP. Beside it, Linux only, the run's CPU ({@link PhaseCpu}): of
 * this JVM, which is both ends and does nothing else meanwhile, per GB sent; the machine's busy share
 * and the other load.
 */
public final class MuxThroughputScenario extends Scenario {
    static final String NAME = "mux-throughput";
    static final String METRIC = "bulk transfer, 64 KiB writes";
    static final int STREAMS = 8;
    static final int QUICK_MIB = 256;
    static final int FULL_MIB = 2048;
    /** A run stops sending after this long, however many bytes are left. */
    private static final long SEND_CAP_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** One way of carrying the bytes; {@code streams} 0 means raw TCP. */
    record Case(String path, int streams) {
    }

    static final List<Case> CASES = List.of(new Case(DirectPath.NAME, 0), new Case("yamux-1-stream", 1),
            new Case("yamux-" + STREAMS + "-streams", STREAMS));

    private final long quickBytes;

    public MuxThroughputScenario() {
        this(QUICK_MIB << 20);
    }

    /** With {@code quickBytes} per run in quick mode (the tests' smaller runs). */
    MuxThroughputScenario(long quickBytes) {
        super(NAME, "yamux alone on one loopback TCP connection: raw TCP vs 1 and " + STREAMS + " streams (MB/s)");
        this.quickBytes = quickBytes;
    }

    @Override
    public void run(BenchContext ctx, List<PathFactory> ignored, Results results) throws Exception {
        long bytes = ctx.quick() ? quickBytes : (long) FULL_MIB << 20;
        byte[] random = new byte[64 * 1024];
        new SplittableRandom(42).nextBytes(random);
        ByteBuf payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(random.length).writeBytes(random));
        boolean meter = PhaseCpu.available();
        if (!meter) {
            results.note(NAME + ": CPU per GB and other load not measured (no /proc: Linux only)");
        }
        try (LoopbackPair.Loops loops = LoopbackPair.Loops.open()) {
            for (Case c : CASES) {
                run(loops, c, bytes / 4, payload); // warm-up: the JIT compiles both ends
            }
            for (int round = 1; round <= ctx.rounds(); round++) {
                for (Case c : CASES) {
                    PhaseCpu.Start start = meter ? PhaseCpu.start(List.of(ProcessHandle.current())) : null;
                    BulkFlow flow = run(loops, c, bytes, payload);
                    PhaseCpu.Phase cpu = start == null ? null : start.end(flow.sent());
                    results.add(NAME, METRIC, c.path(), flow.sent() / flow.seconds() / 1e6, "MB/s", true);
                    if (cpu != null) {
                        cpu.addTo(results, NAME, METRIC, c.path());
                    }
                    if (c.streams() > 0) {
                        BenchLog.log(NAME + " " + c.path() + ": receive window reached " + flow.maxReceiveWindow() / 1024
                                + " KiB");
                    }
                }
            }
        } finally {
            payload.unwrap().release();
        }
    }

    /** One run of {@code bytes} in case {@code c}; fails unless every byte sent was received. */
    private static BulkFlow run(LoopbackPair.Loops loops, Case c, long bytes, ByteBuf payload) throws Exception {
        int writers = Math.max(1, c.streams());
        BulkFlow flow = new BulkFlow(writers, bytes / writers, System.nanoTime() + SEND_CAP_NANOS, payload);
        BulkFlow.Counter counter = new BulkFlow.Counter(flow);
        YamuxConfig config = YamuxConfig.defaults();
        boolean raw = c.streams() == 0;
        try (LoopbackPair pair = LoopbackPair.open(loops, raw ? counter : new YamuxSession(YamuxRole.SERVER, config,
                counter), raw ? new BulkFlow.Writer(flow) : new YamuxSession(YamuxRole.CLIENT, config, null))) {
            for (int i = 0; i < c.streams(); i++) {
                Future<YamuxStreamChannel> f = YamuxSession.of(pair.client()).openStream(new BulkFlow.Writer(flow));
                if (!f.await(10, TimeUnit.SECONDS) || !f.isSuccess()) {
                    throw new IllegalStateException(c.path() + ": cannot open a stream: " + f.cause());
                }
            }
            if (!flow.done.await(SEND_CAP_NANOS + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(c.path() + ": not done: sent " + flow.sent() + ", received "
                        + flow.received());
            }
            if (flow.received() != flow.sent()) {
                throw new IllegalStateException(c.path() + ": received " + flow.received() + " of " + flow.sent());
            }
            return flow;
        }
    }
}
