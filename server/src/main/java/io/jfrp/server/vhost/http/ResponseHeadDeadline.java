package io.jfrp.server.vhost.http;

import io.netty.util.concurrent.EventExecutor;

import java.util.function.Consumer;

/**
 * vhostHTTPTimeout on one public connection (or HTTP/2 stream): the wait for the response head of
 * the exchange whose request head went out to the service. A {@link RollingDeadline}, since it is
 * started and stopped once per request on a keep-alive connection. Confined to {@code executor}'s
 * thread (the connection's loop).
 */
final class ResponseHeadDeadline {
    private final RollingDeadline deadline;
    private HttpExchange awaiting;

    /** @param onExpiry gets the exchange still waiting for its response head when the time is up */
    ResponseHeadDeadline(EventExecutor executor, long timeoutMillis, Consumer<HttpExchange> onExpiry) {
        this.deadline = new RollingDeadline(executor, timeoutMillis, () -> {
            HttpExchange late = awaiting;
            awaiting = null;
            if (late != null) {
                onExpiry.accept(late);
            }
        });
    }

    /** {@code ex}'s request head went out: its response head is due within the timeout. */
    void start(HttpExchange ex) {
        awaiting = ex;
        deadline.arm();
    }

    /** The response head came, or the exchange ended. */
    void stop() {
        deadline.disarm();
        awaiting = null;
    }

    /** The connection is gone: no task is left behind. */
    void cancel() {
        deadline.cancel();
        awaiting = null;
    }
}
