package io.jfrp.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.function.Consumer;

/**
 * Moves a connection onto another event loop of its group, so that two connections that relay to
 * each other run on one thread: bytes no longer cross loops (a task, a wake-up of the other loop and
 * cold caches per hand-over). jfrps moves a public HTTP/1.1 connection onto its work connection's
 * loop once a request is routed (with tcpMux every work connection of a client is a stream on its
 * session's loop), and a TCP work connection (tcpMux off) onto the loop of the connection it serves
 * when it is taken from the pool ({@code WorkConnMove}).
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
     * Whether moving {@code ch} to {@code target} is possible and useful: {@code ch} is registered and
     * {@code target} is another loop of its group (so of the same transport; never an embedded
     * channel's test loop).
     */
    public static boolean worthwhile(Channel ch, EventLoop target) {
        EventLoop here = ch.eventLoop();
        EventLoopGroup group = here.parent();
        return here != target && group != null && group == target.parent() && ch.isRegistered();
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
