package io.jfrp.protocol.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.function.Consumer;

/**
 * Moves a connection onto another event loop of its group, so that two connections that relay to
 * each other run on one thread: bytes no longer cross loops (a task, a wake-up of the other loop and
 * cold caches per hand-over). jfrps moves a public HTTP/1.1 connection onto its work connection's
 * loop once a request is routed (with tcpMux every work connection of a client is a stream on its
 * session's loop), and a TCP work connection (tcpMux off) onto the loop of the connection it serves
 * when it is taken from the pool ({@code WorkConnMove}); jfrpc moves a TCP work connection, when
 * StartWorkConn puts it to use, onto the loop with the fewest of its relays ({@code RelayLoops}).
 *
 * <p>Only a TCP connection of Netty's NIO or epoll transport moves ({@link #movable}): their
 * deregistration and registration elsewhere are pinned by tests (LoopMoveTest, LoopMoveTransportsTest).
 * Netty 4.2.18's io_uring channel is not one of them: it keeps its "read pending" state through the
 * deregistration, which cancels the poll behind it, and never reads again on its new loop (docs/PERFORMANCE.md,
 * "Event loops"); jfrp does not run io_uring, and a channel of a transport not named here (io_uring
 * included, should it come back) is never moved.
 *
 * <p>The channel is deregistered from its loop and registered on the target's (Netty's
 * {@code deregister()}, then {@code loop.register(channel)}): its pipeline, its buffered bytes and
 * its reading state (autoRead) go with it, and reading resumes there. Schedules do not: a caller
 * with timers cancels them before and makes them again after. Tasks for the connection from other
 * threads go through {@link #execute}, which runs them on whichever loop holds the connection when
 * they run.
 */
public final class LoopMove {
    private LoopMove() {
    }

    /**
     * Whether moving {@code ch} to {@code target} is possible and useful: {@code ch} is {@link #movable}
     * and registered, and {@code target} is another loop of its group (so of the same transport; never
     * an embedded channel's test loop).
     */
    public static boolean worthwhile(Channel ch, EventLoop target) {
        if (!movable(ch)) {
            return false;
        }
        EventLoop here = ch.eventLoop();
        EventLoopGroup group = here.parent();
        return here != target && group != null && group == target.parent() && ch.isRegistered();
    }

    /**
     * Whether {@code ch} is of a transport whose channels keep reading after a move: a TCP connection
     * of Netty's NIO or epoll transport. Any other (io_uring, whose moved channels stop reading; local,
     * embedded, a multiplexed stream) is not moved.
     */
    public static boolean movable(Channel ch) {
        return ch instanceof NioSocketChannel || ch instanceof AbstractEpollStreamChannel;
    }

    /**
     * Moves {@code ch} to {@code target}; {@code arrived} runs there once it is registered, with any
     * bytes left unflushed by the old loop flushed. When it cannot be moved ({@code failed} runs on
     * the loop that holds it then): a failed deregistration leaves it where it was; a failed
     * registration has closed it. Any thread.
     */
    public static void move(Channel ch, EventLoop target, Runnable arrived, Consumer<Throwable> failed) {
        ch.deregister().addListener(off -> {
            if (!off.isSuccess()) {
                failed.accept(off.cause());
                return;
            }
            target.register(ch).addListener(on -> {
                if (!on.isSuccess()) {
                    failed.accept(on.cause());
                    return;
                }
                ch.flush(); // a write the old loop had waiting for the socket: its interest stayed behind
                arrived.run();
            });
        });
    }

    /**
     * Runs {@code task} on the loop that holds {@code ch} when the task runs: a task that finds the
     * connection moved away (or on its way, not registered yet) goes after it. Any thread.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the loop is shutting down
     */
    public static void execute(Channel ch, Runnable task) {
        ch.eventLoop().execute(() -> {
            if (ch.eventLoop().inEventLoop() && (ch.isRegistered() || !ch.isOpen())) {
                task.run();
            } else {
                execute(ch, task);
            }
        });
    }
}
