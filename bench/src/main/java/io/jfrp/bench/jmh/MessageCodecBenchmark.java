package io.jfrp.bench.jmh;

import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.StartWorkConn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frp message codec ({@link MessageCodec}: type byte, 8-byte length, JSON body) on the two
 * messages every proxied connection or proxy start costs: StartWorkConn (once per public
 * connection, on the work connection) and NewProxy (once per proxy at login). Encode into a
 * reused buffer, decode a complete frame, and the round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageCodecBenchmark extends ShortRun {
    private final StartWorkConn startWorkConn = new StartWorkConn("web-ssh", "203.0.113.7", "198.51.100.1", 53124, 6000, "");
    private final NewProxy newProxy = NewProxy.builder("web", "http")
            .customDomains(List.of("www.example.com", "example.com")).subdomain("app")
            .locations(List.of("/", "/api")).useEncryption(true).useCompression(false).build();
    private byte[] startWorkConnFrame;
    private byte[] newProxyFrame;
    private ByteBuf out;

    @Setup(Level.Trial)
    public void setUp() {
        startWorkConnFrame = MessageCodec.encode(startWorkConn);
        newProxyFrame = MessageCodec.encode(newProxy);
        out = PooledByteBufAllocator.DEFAULT.heapBuffer(4096);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
    }

    @Benchmark
    public ByteBuf encodeStartWorkConn() {
        out.clear();
        MessageCodec.encode(startWorkConn, out);
        return out;
    }

    @Benchmark
    public Message decodeStartWorkConn() {
        return MessageCodec.decode(startWorkConnFrame);
    }

    @Benchmark
    public ByteBuf encodeNewProxy() {
        out.clear();
        MessageCodec.encode(newProxy, out);
        return out;
    }

    @Benchmark
    public Message decodeNewProxy() {
        return MessageCodec.decode(newProxyFrame);
    }

    @Benchmark
    public Message roundTripNewProxy() {
        return MessageCodec.decode(MessageCodec.encode(newProxy));
    }
}
