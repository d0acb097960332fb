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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frp message codec ({@link MessageCodec}: type byte, 8-byte length, JSON body) on the two
 * messages every proxied connection or proxy start costs ({@code message}): StartWorkConn (once per
 * public connection, on the work connection) and NewProxy (once per proxy at login). Encode into a
 * reused buffer, decode a complete frame, and the round trip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageCodecBenchmark extends ShortRun {
    @Param({"StartWorkConn", "NewProxy"})
    public String message;

    private Message value;
    private byte[] frame;
    private ByteBuf out;

    @Setup(Level.Trial)
    public void setUp() {
        value = switch (message) {
            case "StartWorkConn" -> new StartWorkConn("web-ssh", "203.0.113.7", "198.51.100.1", 53124, 6000, "");
            case "NewProxy" -> NewProxy.builder("web", "http")
                    .customDomains(List.of("www.example.com", "example.com")).subdomain("app")
                    .locations(List.of("/", "/api")).useEncryption(true).useCompression(false).build();
            default -> throw new IllegalArgumentException("no such message: " + message);
        };
        frame = MessageCodec.encode(value);
        out = PooledByteBufAllocator.DEFAULT.heapBuffer(4096);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
    }

    @Benchmark
    public ByteBuf encode() {
        out.clear();
        MessageCodec.encode(value, out);
        return out;
    }

    @Benchmark
    public Message decode() {
        return MessageCodec.decode(frame);
    }

    @Benchmark
    public Message roundTrip() {
        return MessageCodec.decode(MessageCodec.encode(value));
    }
}
