package io.jfrp.server.control;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.relay.ReadGate;
import io.netty.channel.Channel;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Keeps a control's messages in order around {@link ControlHooks} calls, as frps handles them one
 * after another: while a hook call is in flight, reading pauses and messages that were already read
 * wait; when it completes, its continuation runs on the channel's loop, then the waiting messages, in
 * order. A call that has completed already (no plugins) continues at once, so without plugins nothing
 * changes.
 *
 * <h3>Threading</h3>
 * The channel's event loop only; hook calls may complete anywhere and hop back.
 */
final class HookCalls {
    private final Channel channel;
    private final Consumer<Message> dispatch;
    private final ArrayDeque<Message> waiting = new ArrayDeque<>();
    private boolean busy;

    /**
     * @param channel  the control connection
     * @param dispatch handles one message (and may start a hook call)
     */
    HookCalls(Channel channel, Consumer<Message> dispatch) {
        this.channel = channel;
        this.dispatch = dispatch;
    }

    /** Handles {@code msg} now, or after the hook call in flight. */
    void accept(Message msg) {
        if (busy) {
            waiting.add(msg);
        } else {
            dispatch.accept(msg);
        }
    }

    /**
     * Waits for {@code call}, then runs {@code ok} with its result or {@code refused} with the reason
     * for the client, on the channel's loop.
     */
    <T> void await(CompletionStage<T> call, Consumer<T> ok, Consumer<String> refused) {
        CompletableFuture<T> future = call.toCompletableFuture();
        if (future.isDone() && channel.eventLoop().inEventLoop()) {
            complete(future, ok, refused);
            return;
        }
        busy = true;
        ReadGate.pause(channel, ReadGate.Reason.HANDLER);
        future.whenComplete((v, e) -> channel.eventLoop().execute(() -> {
            busy = false;
            complete(future, ok, refused);
            Message next;
            while (!busy && (next = waiting.poll()) != null) {
                dispatch.accept(next);
            }
            if (!busy) {
                ReadGate.resume(channel, ReadGate.Reason.HANDLER);
            }
        }));
    }

    private static <T> void complete(CompletableFuture<T> done, Consumer<T> ok, Consumer<String> refused) {
        T value;
        try {
            value = done.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            refused.accept(reason(e));
            return;
        }
        ok.accept(value);
    }

    /** What the client is told when a hook call failed. */
    static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
