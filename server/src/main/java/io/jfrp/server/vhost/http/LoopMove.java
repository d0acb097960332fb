package io.jfrp.server.vhost.http;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.function.Consumer;

/**
 * Moves a public HTTP/1.1 connection onto the event loop of the work connection that serves it, so
 * that an exchange runs on one thread: the request and the response no longer cross loops (a task,
 * a wake-up of the other loop and cold caches per hand-over). With tcpMux every work connection of
 * a client is a stream on its session's loop, so a keep-alive connection's requests to one client
 * all stay there. The vhost cannot know the target when it accepts, so the move happens once a
 * request has been routed and its work connection is there, before the request goes out.
 *
 * <p>The channel is deregistered from its loop and registered on the target's (Netty's
 * {@code deregister()}, then {@code loop.register(channel)}): its pipeline, its buffered bytes and
 * its reading state (autoRead) go with it, and reading resumes there. Schedules do not: the exchange
 * cancels its timers before and makes them again after. Tasks for the connection from other threads
 * go through {@link #execute}, which runs them on whichever loop holds the connection when they run.
 */
final class LoopMove {
    private LoopMove() {
    }

    /**
     * Whether moving {@code publicChannel} to {@code work}'s loop is possible and useful: another
     * loop of the same group (so of the same transport; never an embedded channel's test loop).
     */
    static boolean worthwhile(Channel publicChannel, Channel work) {
        EventLoop here = publicChannel.eventLoop();
        EventLoop there = work.eventLoop();
        EventLoopGroup group = here.parent();
        return here != there && group != null && group == there.parent() && publicChannel.isRegistered();
    }

    /**
     * Moves {@code ch} to {@code target}; {@code arrived} runs there once it is registered, with any
     * bytes left unflushed by the old loop flushed. When it cannot be moved ({@code failed} runs on
     * the loop that holds it then): a failed deregistration leaves it where it was; a failed
     * registration has closed it. Call on the channel's loop.
     */
    static void move(Channel ch, EventLoop target, Runnable arrived, Consumer<Throwable> failed) {
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
    static void execute(Channel ch, Runnable task) {
        ch.eventLoop().execute(() -> {
            if (ch.eventLoop().inEventLoop() && (ch.isRegistered() || !ch.isOpen())) {
                task.run();
            } else {
                execute(ch, task);
            }
        });
    }
}
