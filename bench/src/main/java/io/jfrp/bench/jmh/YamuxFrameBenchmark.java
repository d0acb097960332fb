package io.jfrp.bench.jmh;

import io.jfrp.mux.YamuxErrorCode;
import io.jfrp.mux.YamuxFrameListener;
import io.jfrp.mux.YamuxFrameReader;
import io.jfrp.mux.YamuxFrameType;
import io.jfrp.mux.YamuxFrameWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The yamux frame codec as a session uses it: {@link YamuxFrameReader} decoding a cumulated
 * buffer of {@value #FRAMES} Data frames (each payload handed out as a retained slice, released
 * here as the session would after passing it on), and {@link YamuxFrameWriter} encoding headers.
 * Results are per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class YamuxFrameBenchmark extends ShortRun {
    static final int FRAMES = 64;

    /** Payload bytes per Data frame: a small write, and the largest the default window allows in one frame. */
    @Param({"1024", "16384"})
    public int payload;

    private ByteBuf frames;
    private ByteBuf headerOut;
    private YamuxFrameReader reader;
    private final CountingListener listener = new CountingListener();

    @Setup(Level.Trial)
    public void setUp() {
        frames = PooledByteBufAllocator.DEFAULT.directBuffer(FRAMES * (YamuxFrameReader.HEADER_LENGTH + payload));
        byte[] data = new byte[payload];
        new java.util.Random(1).nextBytes(data);
        for (int i = 0; i < FRAMES; i++) {
            YamuxFrameWriter.writeHeader(frames, YamuxFrameType.DATA, 0, 1 + 2 * (i % 8), payload);
            frames.writeBytes(data);
        }
        headerOut = PooledByteBufAllocator.DEFAULT.directBuffer(FRAMES * YamuxFrameReader.HEADER_LENGTH);
        reader = new YamuxFrameReader(16L << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frames.release();
        headerOut.release();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readDataFrames(Blackhole bh) throws Exception {
        frames.readerIndex(0);
        listener.bh = bh;
        reader.readFrames(frames, listener);
        return listener.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public ByteBuf writeDataHeaders() {
        headerOut.clear();
        for (int i = 0; i < FRAMES; i++) {
            YamuxFrameWriter.writeHeader(headerOut, YamuxFrameType.DATA, 0, 1 + 2 * (i % 8), payload);
        }
        return headerOut;
    }

    /** Takes each frame as a session would: reads its size, releases the slice. */
    static final class CountingListener implements YamuxFrameListener {
        Blackhole bh;
        long bytes;

        @Override
        public void onData(int streamId, int flags, ByteBuf data) {
            bytes += data.readableBytes();
            bh.consume(streamId);
            data.release();
        }

        @Override
        public void onWindowUpdate(int streamId, int flags, long delta) {
            bh.consume(delta);
        }

        @Override
        public void onPing(int flags, long opaque) {
            bh.consume(opaque);
        }

        @Override
        public void onGoAway(YamuxErrorCode code) {
            bh.consume(code);
        }
    }
}
