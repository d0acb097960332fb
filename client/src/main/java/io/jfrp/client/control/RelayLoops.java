package io.jfrp.client.control;

import io.jfrp.protocol.transport.LoopCounts;
import io.jfrp.protocol.transport.LoopMove;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * moved, nor counted. The counting is {@link LoopCounts}'. Thread-safe.
 */
public final class RelayLoops {
    private static final Logger log = LoggerFactory.getLogger(RelayLoops.class);

    /** Relays in use by loop. */
    private final LoopCounts relays;

    /** The relays of one client on {@code group}'s loops. */
    public RelayLoops(EventLoopGroup group) {
        this.relays = new LoopCounts(group);
    }

    /**
     * Counts {@code work}'s relay on the loop with the fewest until {@code work} closes, and returns that
     * loop, {@code work}'s own first among equals; null, counting nothing, when {@code work} is not a
     * connection that moves ({@link LoopMove#movable}) or is not on one of these loops. Call before
     * anything else listens to {@code work}'s closing, so that a relay that has ended is no longer
     * counted when others see it gone.
     */
    EventLoop claim(Channel work) {
        if (!LoopMove.movable(work)) {
            return null;
        }
        int here = relays.indexOf(work.eventLoop());
        return here < 0 ? null : relays.count(work, here);
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
}
