package io.jfrp.server.vhost.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Closes an HTTP/1.1 public connection that sends no request head in time, counted from the
 * connection's start or the end of its previous exchange, so idle keep-alive connections close too
 * (frps' http server's ReadHeaderTimeout, 60 s; here jfrp.security.httpRequestHeadTimeout). Confined
 * to the connection's event loop.
 */
final class RequestHeadTimer {
    private static final Logger log = LoggerFactory.getLogger(RequestHeadTimer.class);

    private final ChannelHandlerContext ctx;
    private final long timeoutMillis;
    private final BooleanSupplier idle;
    private ScheduledFuture<?> timer;

    /** @param idle whether the connection still waits for a request when the time is up */
    RequestHeadTimer(ChannelHandlerContext ctx, long timeoutMillis, BooleanSupplier idle) {
        this.ctx = ctx;
        this.timeoutMillis = timeoutMillis;
        this.idle = idle;
    }

    /** Starts counting, unless it is counting already. */
    void arm() {
        if (timer != null) {
            return;
        }
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (idle.getAsBoolean()) {
                log.debug("http vhost: closing {}: no request within {} ms", ctx.channel(), timeoutMillis);
                ctx.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops counting (a request head arrived, or the connection left HTTP). */
    void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
