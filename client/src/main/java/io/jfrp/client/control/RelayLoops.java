package io.jfrp.client.control;

import io.jfrp.protocol.transport.LoopMove;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one client's pool relays run: each TCP work connection (tcpMux off) that StartWorkConn puts
 * to use goes onto the event loop with the fewest of the client's relays (its own when that is one of
 * them), and its local service is then dialled on that loop, so that each relay runs on one thread
 * and N relays of the client at once run on N loops while N is at most the number of loops.
 *
 * <p>The pool's work connections are dialled on the group's turn, which every other dial of the
 * client (and of the other clients sharing its loops) advances, and jfrps picks which pooled one
 * serves each public connection: after the pool's refills two relays could share a loop while
 * another had none. Counting the relays in use and moving the connection when it is taken does not
 * depend on either. The move is {@link LoopMove}'s, made while the connection is held
 * ({@code Relay.holdUntilJoined}: not reading, what it had already read kept), before anything is
 * written to it; a connection of another kind (a stream of a tcpMux or QUIC session, KCP) is not
 * moved, nor counted. Thread-safe.
 */
public final class RelayLoops {
    private static final Logger log = LoggerFactory.getLogger(RelayLoops.class);

    private final List<EventLoop> loops;
    /** Relays in use by loop, in the order of {@link #loops} (guarded by this). */
    private final int[] relays;
    /** Per loop, the listener that counts a relay there out when it closes: none made per relay. */
    private final ChannelFutureListener[] ended;

    /** The relays of one client on {@code group}'s loops. */
    public RelayLoops(EventLoopGroup group) {
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor loop : group) {
            all.add((EventLoop) loop);
        }
        this.loops = List.copyOf(all);
        this.relays = new int[all.size()];
        this.ended = new ChannelFutureListener[all.size()];
        for (int i = 0; i < ended.length; i++) {
            int index = i;
            ended[i] = f -> release(index);
        }
    }

    /**
     * Counts {@code work}'s relay on the loop with the fewest until {@code work} closes, and returns that
     * loop; null, counting nothing, when {@code work} is not a connection that moves
     * ({@link LoopMove#movable}) or is not on one of these loops. Call before anything else listens to
     * {@code work}'s closing, so that a relay that has ended is no longer counted when others see it gone.
     */
    EventLoop claim(Channel work) {
        if (!LoopMove.movable(work)) {
            return null;
        }
        int index = fewest(work.eventLoop());
        if (index < 0) {
            return null;
        }
        work.closeFuture().addListener(ended[index]);
        return loops.get(index);
    }

    /**
     * Runs {@code then} on {@code target} once {@code work} is there (moved when {@code target} is
     * another loop), or on {@code work}'s loop when {@code target} is null; a connection that cannot
     * move is closed. On {@code work}'s loop.
     */
    static void onto(Channel work, EventLoop target, Runnable then) {
        if (target == null || !LoopMove.worthwhile(work, target)) {
            then.run();
            return;
        }
        LoopMove.move(work, target, then, cause -> {
            log.info("work connection could not move to another event loop: {}", cause.toString());
            work.close();
        });
    }

    /** Counts one more relay on the loop with the fewest, {@code here} first among equals; -1: not ours. */
    private synchronized int fewest(EventLoop here) {
        int at = loops.indexOf(here);
        if (at < 0) {
            return -1;
        }
        int best = at;
        for (int i = 0; i < relays.length; i++) {
            if (relays[i] < relays[best]) {
                best = i;
            }
        }
        relays[best]++;
        return best;
    }

    private synchronized void release(int index) {
        relays[index]--;
    }
}
