package io.jfrp.server.vhost.http;

import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * Closes an HTTP/1.1 public connection that sends no request head in time, counted from the
 * connection's start or the end of its previous exchange, so idle keep-alive connections close too
 * (frps' http server's ReadHeaderTimeout, 60 s; here jfrp.security.httpRequestHeadTimeout). Armed
 * and disarmed once per request, so it is a {@link RollingDeadline}. Confined to the connection's
 * event loop.
 */
final class RequestHeadTimer {
    private static final Logger log = LoggerFactory.getLogger(RequestHeadTimer.class);

    private final RollingDeadline deadline;
    private final boolean applies;

    /**
     * @param idle    whether the connection still waits for a request when the time is up
     * @param applies false where no head is awaited (an HTTP/2 stream): {@link #arm()} does nothing
     */
    RequestHeadTimer(ChannelHandlerContext ctx, long timeoutMillis, BooleanSupplier idle, boolean applies) {
        this.applies = applies;
        this.deadline = new RollingDeadline(ctx.executor(), timeoutMillis, () -> {
            if (idle.getAsBoolean()) {
                log.debug("http vhost: closing {}: no request within {} ms", ctx.channel(), timeoutMillis);
                ctx.close();
            }
        });
    }

    /** Starts counting, unless it is counting already. */
    void arm() {
        if (applies) {
            deadline.armIfDisarmed();
        }
    }

    /** Stops counting (a request head arrived, or the connection left HTTP). */
    void disarm() {
        deadline.disarm();
    }

    /** Stops counting for good (the connection closed): no task is left behind. */
    void cancel() {
        deadline.cancel();
    }
}
