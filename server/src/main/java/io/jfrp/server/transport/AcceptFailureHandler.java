package io.jfrp.server.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The handler of every listening socket of jfrps (bindPort, proxies' ports, vhost ports): when
 * {@code accept()} fails, typically because the process is out of file descriptors ("Too many open
 * files"), the listener stops accepting for {@link #PAUSE_MILLIS} (the pending connections wait in
 * the kernel's backlog) and one line is logged per {@link #LOG_INTERVAL_MILLIS} for all listeners
 * together, with the number of failures since the last line. Without it every failed accept would log
 * a stack trace, thousands a second, while the selector keeps reporting the same pending connection.
 * Connections already open are not touched: their tunnels keep flowing.
 *
 * <p>Sharable: one instance serves every listener; the failure count and the log interval are shared.
 */
@ChannelHandler.Sharable
final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AcceptFailureHandler.class);
    /** How long a listener stops accepting after a failure (as Netty's own acceptor does). */
    static final long PAUSE_MILLIS = 1000;
    /** At most one log line this often. */
    static final long LOG_INTERVAL_MILLIS = 10_000;

    private final LongSupplier nanoTime;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(Long.MIN_VALUE);

    AcceptFailureHandler() {
        this(System::nanoTime);
    }

    AcceptFailureHandler(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        long n = failures.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastLog.get();
        if ((last == Long.MIN_VALUE || now - last >= TimeUnit.MILLISECONDS.toNanos(LOG_INTERVAL_MILLIS))
                && lastLog.compareAndSet(last, now)) {
            failures.addAndGet(-n);
            log.warn("cannot accept connections on {}: {} ({} failures since the last message); accepting pauses"
                            + " {} ms at each failure, open connections are not affected. Raise the open-file limit"
                            + " (LimitNOFILE= in the systemd unit, ulimit -n) if this goes on",
                    ctx.channel().localAddress(), cause.getMessage(), n, PAUSE_MILLIS);
        }
        if (ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
