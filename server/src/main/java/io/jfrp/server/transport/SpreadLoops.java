package io.jfrp.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
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
 * <p>A view: the loops, their life and their shutdown are the workers' ({@link EventLoops}). Thread-safe.
 */
final class SpreadLoops extends AbstractEventExecutorGroup implements EventLoopGroup {
    private final EventLoopGroup workers;
    private final EventLoop[] loops;
    /** Public connections open on each loop (guarded by this). */
    private final int[] open;
    /** Per loop, the listener that counts a connection there out when it closes: none made per connection. */
    private final ChannelFutureListener[] closed;
    /** Where the turn among equals starts next (guarded by this). */
    private int turn;

    SpreadLoops(EventLoopGroup workers) {
        this.workers = workers;
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor loop : workers) {
            all.add((EventLoop) loop);
        }
        this.loops = all.toArray(new EventLoop[0]);
        this.open = new int[loops.length];
        this.closed = new ChannelFutureListener[loops.length];
        for (int i = 0; i < loops.length; i++) {
            int index = i;
            closed[i] = f -> release(index);
        }
    }

    /** The loop with the fewest public connections open, the next in turn among equals (not counted). */
    @Override
    public synchronized EventLoop next() {
        return loops[fewest()];
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
        int index;
        synchronized (this) {
            index = fewest();
            open[index]++;
        }
        channel.closeFuture().addListener(closed[index]);
        return loops[index];
    }

    /** The index of the loop with the fewest open, starting from the turn, which moves on. */
    private int fewest() {
        int start = turn;
        turn = (turn + 1) % loops.length;
        int best = start;
        for (int k = 1; k < loops.length; k++) {
            int i = (start + k) % loops.length;
            if (open[i] < open[best]) {
                best = i;
            }
        }
        return best;
    }

    private synchronized void release(int index) {
        open[index]--;
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
