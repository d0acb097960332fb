package io.jfrp.web;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * One deadline of a connection, on its event loop: armed with a delay and what to do when it expires
 * (typically close the connection), disarmed when what it waits for arrives. Arming it again replaces
 * the pending expiry. The web server's read timeouts ({@link ReadDeadline}) and jfrpc's plugin HTTP
 * servers' request-head deadline use it.
 *
 * <p>Confined to the connection's event loop.
 */
public class LoopDeadline {
    private ScheduledFuture<?> pending;

    /** Whether it is armed now. */
    public boolean armed() {
        return pending != null;
    }

    /** Runs {@code expired} on {@code loop} after {@code delay}, unless disarmed or armed again first. */
    public void arm(EventExecutor loop, long delay, TimeUnit unit, Runnable expired) {
        assert loop.inEventLoop() : "a deadline belongs on its connection's event loop";
        disarm();
        pending = loop.schedule(() -> {
            pending = null;
            expired.run();
        }, delay, unit);
    }

    /** Cancels it, if armed. */
    public void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
