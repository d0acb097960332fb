package io.jfrp.bench.jmh;

import io.jfrp.bench.load.NettyLoops;
import io.jfrp.bench.mux.MuxRelay;
import io.jfrp.protocol.relay.Relay;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
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

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay ({@link Relay#join}) on real loopback sockets: a source writes 1 MiB per operation to a
 * sink, directly ({@code direct}) or through a front server relaying each connection to the sink
 * ({@code relay}). Results are MiB/s; the difference is what the relay and its extra hop cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RelayBenchmark extends ShortRun {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS_PER_OP = 16;

    @Param({"direct", "relay"})
    public String path;

    private EventLoopGroup group;
    private Channel sinkServer;
    private Channel frontServer;
    private Channel source;
    private ByteBuf chunk;
    private final AtomicLong received = new AtomicLong();
    private long sent;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        group = NettyLoops.newGroup(2);
        chunk = PooledByteBufAllocator.DEFAULT.directBuffer(CHUNK);
        chunk.writeZero(CHUNK);
        sinkServer = NettyLoops.tcpServer(group, ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.addAndGet(((ByteBuf) msg).readableBytes());
                ReferenceCountUtil.release(msg);
            }
        })).bind("127.0.0.1", 0).sync().channel();
        SocketAddress target = sinkServer.localAddress();
        if (path.equals("relay")) {
            frontServer = NettyLoops.tcpServer(group, publicConn -> MuxRelay.relayTo(publicConn,
                    sinkServer.localAddress())).bind("127.0.0.1", 0).sync().channel();
            target = frontServer.localAddress();
        }
        source = NettyLoops.tcpClient(group, ch -> { }).connect(target).sync().channel();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        source.close().syncUninterruptibly();
        if (frontServer != null) {
            frontServer.close().syncUninterruptibly();
        }
        sinkServer.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        chunk.release();
    }

    /** Sends 1 MiB and returns once the sink has counted it all. */
    @Benchmark
    public long oneMiB() {
        for (int i = 0; i < CHUNKS_PER_OP; i++) {
            source.write(chunk.retainedDuplicate(), source.voidPromise());
        }
        source.flush();
        sent += (long) CHUNK * CHUNKS_PER_OP;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < sent) {
            if (System.nanoTime() > deadline || !source.isActive()) {
                throw new IllegalStateException(path + ": the sink got " + received.get() + " of " + sent + " bytes");
            }
            LockSupport.parkNanos(10_000);
        }
        return sent;
    }
}
