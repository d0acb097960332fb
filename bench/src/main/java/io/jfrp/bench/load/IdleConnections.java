package io.jfrp.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Holds many idle TCP connections to an echo service, each proven by one echo round trip (8 bytes),
 * or to any service that answers a fixed request with fixed bytes ({@link #open(InetSocketAddress, int,
 * int, Duration, byte[], byte[])}: an HTTP GET of a file, its whole response compared), until
 * {@link #close}. Linux gives one (source address, destination) pair only the ephemeral port
 * range, so beyond {@link #PER_SOURCE_ADDRESS} connections to a loopback target the source address
 * moves on to 127.0.0.2, 127.0.0.3, ... Every connection runs on one event loop, which alone settles
 * their verdicts.
 */
public final class IdleConnections implements AutoCloseable {
    /** Connections per loopback source address before the next one is used. */
    public static final int PER_SOURCE_ADDRESS = 20_000;
    private static final int PROBE_BYTES = 8;

    /**
     * @param held   connections open and proven by their echo when opening ended
     * @param failed connections that failed or were not done by the deadline
     */
    public record Result(int requested, int held, int failed, double seconds, String firstError) {
    }

    private final EventLoopGroup group = NettyLoops.newGroup(1);
    private final EventLoop loop = group.next();
    private final Queue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final InetSocketAddress target;
    /** What each connection sends and must get back whole; null: {@link #PROBE_BYTES} random bytes, echoed. */
    private final byte[] request;
    private final byte[] response;
    private Result result;

    private IdleConnections(InetSocketAddress target, byte[] request, byte[] response) {
        this.target = target;
        this.request = request;
        this.response = response;
    }

    /**
     * Opens {@code n} connections to the echo service at {@code target}; waits until each is held or
     * failed, or {@code timeout} ran out (what is not done by then failed, and is closed).
     */
    public static IdleConnections open(InetSocketAddress target, int n, int concurrency, Duration timeout)
            throws InterruptedException {
        return open(target, n, concurrency, timeout, null, null);
    }

    /**
     * Opens {@code n} connections to {@code target}, each sending {@code request} and held once exactly
     * {@code response} came back (a byte more or different fails it); as {@link #open(InetSocketAddress,
     * int, int, Duration)} otherwise.
     */
    public static IdleConnections open(InetSocketAddress target, int n, int concurrency, Duration timeout,
                                       byte[] request, byte[] response) throws InterruptedException {
        if (n < 0 || concurrency < 1) {
            throw new IllegalArgumentException("need n >= 0 and concurrency >= 1, got n=" + n
                    + " concurrency=" + concurrency);
        }
        if ((request == null) != (response == null) || response != null && response.length == 0) {
            throw new IllegalArgumentException("a request needs a non-empty response, and a response a request");
        }
        IdleConnections holder = new IdleConnections(target, request, response);
        holder.result = holder.hold(n, concurrency, System.nanoTime() + timeout.toNanos());
        return holder;
    }

    private Result hold(int n, int concurrency, long deadline) throws InterruptedException {
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(concurrency);
        for (int i = 0; i < n && slots.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS); i++) {
            Probe probe = new Probe();
            probe.proven.addListener(p -> slots.release());
            int sourceBlock = i / PER_SOURCE_ADDRESS;
            var bootstrap = NettyLoops.tcpClient(loop, ch -> ch.pipeline().addLast(probe))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000);
            ChannelFuture f = sourceBlock > 0 && target.getAddress().isLoopbackAddress()
                    ? bootstrap.connect(target, new InetSocketAddress("127.0.0." + (1 + sourceBlock % 250), 0))
                    : bootstrap.connect(target);
            probe.channel = f.channel();
            probes.add(probe);
            f.addListener(c -> {
                if (!c.isSuccess()) {
                    probe.proven.tryFailure(new IOException("connect to " + target + " failed: " + c.cause()));
                }
            });
        }
        slots.tryAcquire(concurrency, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return loop.submit(() -> { // on the loop, which settles the probes: none changes while counted
            int held = (int) probes.stream().filter(p -> p.proven.isSuccess()).count();
            String firstError = probes.stream().filter(p -> p.proven.cause() != null).findFirst()
                    .map(p -> p.proven.cause().getMessage())
                    .orElse(held < n ? (n - held) + " connections not held before the deadline" : null);
            // Close those still proving themselves; the held ones stay.
            probes.stream().filter(p -> !p.proven.isSuccess()).forEach(p -> p.channel.close());
            return new Result(n, held, n - held, (System.nanoTime() - start) / 1e9, firstError);
        }).syncUninterruptibly().getNow();
    }

    public Result result() {
        return result;
    }

    /** Held connections still open now (a path may drop idle connections). */
    public int stillOpen() {
        return (int) probes.stream().filter(p -> p.channel.isActive()).count();
    }

    @Override
    public void close() {
        probes.forEach(p -> p.channel.close());
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * Sends the probe when connected; {@link #proven} succeeds when its echo (or the expected response)
     * came back whole.
     */
    private final class Probe extends ChannelInboundHandlerAdapter {
        private final Promise<Void> proven = loop.newPromise();
        private byte[] expected;
        private Channel channel;
        private int received;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (request == null) {
                expected = new byte[PROBE_BYTES];
                ThreadLocalRandom.current().nextBytes(expected);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(expected.clone()));
            } else {
                expected = response;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (!proven.isDone() && in.isReadable()) {
                    if (received == expected.length) {
                        fail(ctx, "more bytes from " + target + " than the " + expected.length + " expected");
                    } else if (in.readByte() != expected[received++]) {
                        fail(ctx, "answer from " + target + " differs from the expected at byte " + (received - 1));
                    }
                }
                if (received == expected.length) {
                    proven.trySuccess(null);
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx, "connection closed by " + target + " before its echo came back");
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, "connection to " + target + " failed: " + cause);
            ctx.close();
        }

        private void fail(ChannelHandlerContext ctx, String why) {
            if (proven.tryFailure(new IOException(why))) {
                ctx.close();
            }
        }
    }
}
