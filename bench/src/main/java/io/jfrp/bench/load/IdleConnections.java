package io.jfrp.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds many idle TCP connections to an echo service: opens {@code n} connections with at most
 * {@code concurrency} connects under way at once, proves each by one echo round trip (8 bytes), then
 * leaves it idle until {@link #close}. Linux gives one (source address, destination) pair only the
 * ephemeral port range, so beyond {@link #PER_SOURCE_ADDRESS} connections to a loopback target the
 * source address moves on to 127.0.0.2, 127.0.0.3, ... Everything runs on one event loop; the
 * counters belong to it and are read through it.
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
    private final List<Channel> channels = new ArrayList<>();
    private final InetSocketAddress target;
    private final int n;
    private final int concurrency;
    private final CompletableFuture<Result> opened = new CompletableFuture<>();
    private int launched;
    private int inFlight;
    private int held;
    private int failed;
    private String firstError;
    private long startNanos;

    private IdleConnections(InetSocketAddress target, int n, int concurrency) {
        this.target = target;
        this.n = n;
        this.concurrency = concurrency;
    }

    /**
     * Opens {@code n} connections to the echo service at {@code target} and waits until each is
     * held or failed, or {@code timeout} ran out (what is not done by then counts as failed and is
     * closed). The returned holder keeps the held connections open until {@link #close}.
     */
    public static IdleConnections open(InetSocketAddress target, int n, int concurrency, Duration timeout)
            throws InterruptedException {
        if (n < 0 || concurrency < 1) {
            throw new IllegalArgumentException("need n >= 0 and concurrency >= 1, got n=" + n
                    + " concurrency=" + concurrency);
        }
        IdleConnections holder = new IdleConnections(target, n, concurrency);
        holder.loop.execute(holder::begin);
        try {
            holder.opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            holder.loop.submit(holder::giveUp).syncUninterruptibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return holder;
    }

    public Result result() {
        return opened.join();
    }

    /** Held connections still open now (a path may drop idle connections). */
    public int stillOpen() {
        return loop.submit(() -> (int) channels.stream().filter(Channel::isActive).count()).syncUninterruptibly().getNow();
    }

    private void begin() {
        startNanos = System.nanoTime();
        launchMore();
    }

    private void launchMore() {
        while (!opened.isDone() && launched < n && inFlight < concurrency) {
            int index = launched++;
            inFlight++;
            connect(index);
        }
        if (!opened.isDone() && launched == n && inFlight == 0) {
            complete();
        }
    }

    private void connect(int index) {
        Bootstrap b = NettyLoops.tcpClient(loop, ch -> ch.pipeline().addLast(new Probe()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000);
        ChannelFuture f;
        int sourceBlock = index / PER_SOURCE_ADDRESS;
        if (sourceBlock > 0 && target.getAddress().isLoopbackAddress()) {
            f = b.connect(target, new InetSocketAddress("127.0.0." + (1 + sourceBlock % 250), 0));
        } else {
            f = b.connect(target);
        }
        channels.add(f.channel());
        f.addListener(done -> {
            if (!done.isSuccess()) {
                settle(false, "connect to " + target + " failed: " + done.cause());
            }
        });
    }

    /** One connection's verdict (event loop). */
    private void settle(boolean ok, String error) {
        if (opened.isDone()) {
            return;
        }
        inFlight--;
        if (ok) {
            held++;
        } else {
            failed++;
            if (firstError == null) {
                firstError = error;
            }
        }
        launchMore();
    }

    private void giveUp() {
        if (opened.isDone()) {
            return;
        }
        int unfinished = n - held - failed;
        failed += unfinished;
        if (firstError == null && unfinished > 0) {
            firstError = unfinished + " connections not held before the deadline";
        }
        // Close those still proving themselves; the held ones stay.
        for (Channel c : channels) {
            Probe p = c.pipeline().get(Probe.class);
            if (p != null && !p.proven) {
                c.close();
            }
        }
        complete();
    }

    private void complete() {
        opened.complete(new Result(n, held, failed, (System.nanoTime() - startNanos) / 1e9, firstError));
    }

    @Override
    public void close() {
        loop.submit(() -> {
            complete();
            for (Channel c : channels) {
                c.close();
            }
        }).syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Sends the probe when connected and waits for its echo. */
    private final class Probe extends ChannelInboundHandlerAdapter {
        private final byte[] expected = new byte[PROBE_BYTES];
        private int received;
        private boolean proven;
        private boolean settled;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(expected);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(expected.clone()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (settled) {
                    return; // an idle echo service sends nothing more; ignore it if it does
                }
                while (in.isReadable() && received < PROBE_BYTES) {
                    if (in.readByte() != expected[received++]) {
                        verdict(ctx, false, "echo from " + target + " differs from what was sent");
                        return;
                    }
                }
                if (received == PROBE_BYTES) {
                    proven = true;
                    verdict(ctx, true, null);
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            verdict(ctx, false, "connection closed by " + target + " before its echo came back");
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            verdict(ctx, false, "connection to " + target + " failed: " + cause);
            ctx.close();
        }

        private void verdict(ChannelHandlerContext ctx, boolean ok, String error) {
            if (settled) {
                return;
            }
            settled = true;
            if (!ok) {
                ctx.close();
            }
            settle(ok, error);
        }
    }
}
