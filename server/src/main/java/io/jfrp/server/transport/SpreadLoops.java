package io.jfrp.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker loops, taken in turn by a count of their own: the group a listener of public
 * connections hands its accepted connections to, so that they are spread evenly over the loops
 * whatever else the workers accept meanwhile. The workers' own round-robin is shared with every
 * other connection the server accepts: without tcpMux each public connection is followed by the
 * work connection its client opens to refill its pool, so with four loops four public connections
 * opened one after the other landed on two of them (every other loop), and with two loops on one.
 *
 * <p>A view: the loops, their life and their shutdown are the workers' ({@link EventLoops}). Thread-safe.
 */
final class SpreadLoops extends AbstractEventExecutorGroup implements EventLoopGroup {
    private final EventLoopGroup workers;
    private final EventLoop[] loops;
    private final AtomicInteger turn = new AtomicInteger();

    SpreadLoops(EventLoopGroup workers) {
        this.workers = workers;
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor loop : workers) {
            all.add((EventLoop) loop);
        }
        this.loops = all.toArray(new EventLoop[0]);
    }

    @Override
    public EventLoop next() {
        return loops[Math.floorMod(turn.getAndIncrement(), loops.length)];
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return next().register(channel);
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return next().register(promise);
    }

    @Deprecated
    @Override
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return next().register(channel, promise);
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
