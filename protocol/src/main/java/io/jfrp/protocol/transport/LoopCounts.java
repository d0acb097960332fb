package io.jfrp.protocol.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections open on each event loop of one group, each counted from when it is placed until it
 * closes, and the loop with the fewest: how jfrps spreads its public connections over its worker
 * loops ({@code SpreadLoops}) and jfrpc one client's pool relays over its loops ({@code RelayLoops}),
 * whatever the group's own turn, which every other connection advances, would have given.
 *
 * <p>Among loops with equally few, the scan's start wins ({@code first}, then the loops after it in
 * the group's order): the caller decides the tie rule (a turn of its own, or the loop a connection
 * is on already). One close listener per loop, made once: nothing is allocated per connection.
 * Thread-safe.
 */
public final class LoopCounts {
    private final EventLoop[] loops;
    /** Connections open on each loop (guarded by this). */
    private final int[] open;
    /** Per loop, the listener that counts a connection there out when it closes. */
    private final ChannelFutureListener[] closed;

    /** Counts on {@code group}'s loops, none open. */
    public LoopCounts(EventLoopGroup group) {
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor loop : group) {
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

    /** How many loops the group has. */
    public int size() {
        return loops.length;
    }

    /** The index of {@code loop} in the group, or -1 when it is not one of the group's. */
    public int indexOf(EventLoop loop) {
        for (int i = 0; i < loops.length; i++) {
            if (loops[i] == loop) {
                return i;
            }
        }
        return -1;
    }

    /** The loop with the fewest open, {@code first} first among equals; nothing is counted. */
    public synchronized EventLoop fewest(int first) {
        return loops[fewestFrom(first)];
    }

    /**
     * Counts {@code channel} on the loop with the fewest open, {@code first} first among equals, until
     * the channel closes, and returns that loop. Call before anything else listens to the channel's
     * closing, so that a connection that has ended is no longer counted when others see it gone.
     */
    public EventLoop count(Channel channel, int first) {
        int index;
        synchronized (this) {
            index = fewestFrom(first);
            open[index]++;
        }
        channel.closeFuture().addListener(closed[index]);
        return loops[index];
    }

    private int fewestFrom(int first) {
        if (first < 0 || first >= loops.length) {
            throw new IllegalArgumentException("no loop " + first + " of " + loops.length);
        }
        int best = first;
        for (int k = 1; k < loops.length; k++) {
            int i = (first + k) % loops.length;
            if (open[i] < open[best]) {
                best = i;
            }
        }
        return best;
    }

    private synchronized void release(int index) {
        open[index]--;
    }
}
