package io.jfrp.server.transport;

import io.jfrp.protocol.transport.LoopCounts;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker loops for public connections: the group a listener of public connections hands its
 * accepted connections to, so that they are spread evenly over the loops whatever else the workers
 * accept meanwhile. The workers' own round-robin is shared with every other connection the server
 * accepts: without tcpMux each public connection is followed by the work connection its client opens
 * to refill its pool, so with four loops four public connections opened one after the other landed on
 * two of them (every other loop), and with two loops on one.
 *
 * <p>Each connection registered here goes to the loop with the fewest public connections open (it
 * is counted there until it closes), the loops taken in a turn of their own among equals: a turn
 * alone put a new connection beside one still open while another loop's had closed (four held, the
 * first and third closed, two opened: three loops).
 *
 * <p>A view: the loops, their life and their shutdown are the workers' ({@link EventLoops}); the
 * counting is {@link LoopCounts}'. Thread-safe.
 */
final class SpreadLoops extends AbstractEventExecutorGroup implements EventLoopGroup {
    private final EventLoopGroup workers;
    /** Public connections open on each loop. */
    private final LoopCounts open;
    /** Where the turn among equals starts next. */
    private final AtomicInteger turn = new AtomicInteger();

    SpreadLoops(EventLoopGroup workers) {
        this.workers = workers;
        this.open = new LoopCounts(workers);
    }

    /** The loop with the fewest public connections open, the next in turn among equals (not counted). */
    @Override
    public EventLoop next() {
        return open.fewest(nextTurn());
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return loopFor(channel).register(channel);
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return loopFor(promise.channel()).register(promise);
    }

    @Deprecated
    @Override
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return loopFor(channel).register(channel, promise);
    }

    /** The loop for {@code channel}, where it is counted until it closes. */
    private EventLoop loopFor(Channel channel) {
        return open.count(channel, nextTurn());
    }

    /** Where the scan for the fewest starts: the turn, which moves on. */
    private int nextTurn() {
        return Math.floorMod(turn.getAndIncrement(), open.size());
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return workers.iterator();
    }

    @Override
    public boolean isShuttingDown() {
        return workers.isShuttingDown();
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        return workers.shutdownGracefully(quietPeriod, timeout, unit);
    }

    @Override
    public Future<?> terminationFuture() {
        return workers.terminationFuture();
    }

    @Deprecated
    @Override
    public void shutdown() {
        workers.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return workers.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return workers.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return workers.awaitTermination(timeout, unit);
    }
}
