package io.jfrp.client.plugin;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The deadline for the next request's head on a plugin's HTTP connection (frp's
 * {@code ReadHeaderTimeout} of the http2http/https2http and static_file plugins' servers): armed
 * while the connection waits for a request, disarmed when a head arrives or the handler goes; when it
 * expires the task given to {@link #arm} runs (it closes the connection). Confined to the
 * connection's event loop.
 */
public final class RequestHeadDeadline {
    private final int seconds;
    private ScheduledFuture<?> pending;

    /** A deadline of {@code seconds} from each {@link #arm}. */
    public RequestHeadDeadline(int seconds) {
        this.seconds = seconds;
    }

    /** Whether it is armed now. */
    public boolean armed() {
        return pending != null;
    }

    /** Runs {@code expired} on {@code loop} unless disarmed within the deadline. */
    public void arm(EventExecutor loop, Runnable expired) {
        assert loop.inEventLoop() : "RequestHeadDeadline belongs on the connection's event loop";
        pending = loop.schedule(() -> {
            pending = null;
            expired.run();
        }, seconds, TimeUnit.SECONDS);
    }

    /** Cancels it, if armed. */
    public void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
