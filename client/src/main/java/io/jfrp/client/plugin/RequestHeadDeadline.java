package io.jfrp.client.plugin;

import io.jfrp.web.LoopDeadline;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;

/**
 * The deadline for the next request's head on a plugin's HTTP connection (frp's
 * {@code ReadHeaderTimeout} of the http2http/https2http and static_file plugins' servers): armed
 * while the connection waits for a request, disarmed when a head arrives or the handler goes; when it
 * expires the task given to {@link #arm} runs (it closes the connection). Confined to the
 * connection's event loop, like every {@link LoopDeadline}.
 */
public final class RequestHeadDeadline extends LoopDeadline {
    private final int seconds;

    /** A deadline of {@code seconds} from each {@link #arm}. */
    public RequestHeadDeadline(int seconds) {
        this.seconds = seconds;
    }

    /** Runs {@code expired} on {@code loop} unless disarmed within the deadline. */
    public void arm(EventExecutor loop, Runnable expired) {
        arm(loop, seconds, TimeUnit.SECONDS, expired);
    }
}
