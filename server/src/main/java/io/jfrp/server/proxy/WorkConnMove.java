package io.jfrp.server.proxy;

import io.jfrp.protocol.transport.LoopMove;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

import java.util.function.Consumer;

/**
 * Moves a work connection just taken from its client's pool onto the event loop of the connection
 * it is to serve (a public connection, a visitor's connection, an HTTP exchange), so that the relay
 * between the two runs on one thread, with no hand-over of each read to another loop, and so that
 * the relays of one client are spread over the worker loops as their public connections are.
 *
 * <p>Only a TCP work connection (tcpMux off) moves, and only to another loop of its own group: a
 * stream of a tcpMux or QUIC session stays on its session's loop. The connection is idle in the pool
 * (the client sends nothing before StartWorkConn) and nothing of it is scheduled on its loop, so
 * {@link LoopMove} carries its pipeline (TLS included) and its reading state (auto-read) over as
 * they are.
 */
final class WorkConnMove {
    private WorkConnMove() {
    }

    /** Whether {@code work} can and should move to {@code servedOn} (null: no loop asked for). */
    static boolean worthwhile(Channel work, EventLoop servedOn) {
        return servedOn != null && work instanceof SocketChannel && LoopMove.worthwhile(work, servedOn);
    }

    /**
     * Runs {@code then} on the loop of {@code work}, after moving it to {@code servedOn} when that is
     * {@link #worthwhile}. When the move fails, {@code failed} gets why (a failed registration has
     * closed the connection). Any thread.
     */
    static void onto(Channel work, EventLoop servedOn, Runnable then, Consumer<Throwable> failed) {
        if (worthwhile(work, servedOn)) {
            LoopMove.move(work, servedOn, then, failed);
        } else {
            work.eventLoop().execute(then);
        }
    }
}
