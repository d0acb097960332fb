package io.jfrp.server.vhost.http;

import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * One work connection speaking HTTP/1.1 to a proxy's local service on behalf of one public
 * connection (or HTTP/2 stream). Kept for the next request of that connection when it goes to the
 * same proxy and the service kept the connection alive.
 *
 * <h3>Writes</h3>
 * The work connection (a yamux stream, or a TCP connection) may live on another event loop than the
 * public connection (before the connection's {@link io.jfrp.protocol.transport.LoopMove}, or when it cannot move). A write or flush from a foreign thread is a task of its own on the work
 * connection's loop (and a wake-up of that loop), so writing a request head, its end and a flush one
 * by one costs three or four hand-overs per request. {@link #write} collects on the public side
 * and {@link #flush} hands everything collected over in one task, which writes it in order and
 * flushes once.
 *
 * <h3>Threading</h3>
 * {@link #write}, {@link #flush}, {@link #close} and {@link #reusable} belong to the public
 * connection's loop; {@link #channel} is set on the work connection's loop before the public side
 * hears of it; {@link #connectSent} is read by the forwarder on the work connection's loop.
 */
final class Backend {
    final HttpRouteTarget proxy;
    /** Set on the work connection's loop before {@link HttpExchangeHandler} hears of it. */
    volatile Channel channel;
    /** False once the service said Connection: close, or the exchange broke off (public side's loop). */
    boolean reusable = true;
    /** The request in flight is a CONNECT, so a 2xx answer starts a tunnel (read by the forwarder). */
    volatile boolean connectSent;
    /**
     * The response to the request about to be sent may pass to the client as the service's bytes
     * ({@link PassedResponse}): nothing in it is to change but hop-by-hop lines. Set on the public
     * side before the request head is written, read by {@link BackendHttpCodec} when it encodes it.
     */
    volatile boolean passResponse;
    /** Request parts written since the last {@link #flush} (public side's loop). */
    private List<Object> unflushed = new ArrayList<>(4);

    Backend(HttpRouteTarget proxy) {
        this.proxy = proxy;
    }

    boolean usableFor(HttpRouteTarget p) {
        Channel ch = channel;
        return proxy == p && reusable && ch != null && ch.isActive();
    }

    /** Queues a request part (owned from now on) for the next {@link #flush}. */
    void write(Object msg) {
        unflushed.add(msg);
    }

    /** Writes what {@link #write} collected to the work connection, in order, and flushes it: one task. */
    void flush() {
        Channel ch = channel;
        if (unflushed.isEmpty() || ch == null) {
            return;
        }
        // Detached before writing: a write that fails can close the exchange at once, whose close()
        // releases what is still unflushed, and must not reach parts the channel already owns.
        List<Object> batch = unflushed;
        unflushed = new ArrayList<>(4);
        if (ch.eventLoop().inEventLoop()) {
            writeAndFlush(ch, batch); // the usual case once the connection is on the work connection's loop
            return;
        }
        try {
            ch.eventLoop().execute(() -> writeAndFlush(ch, batch));
        } catch (RejectedExecutionException e) {
            batch.forEach(ReferenceCountUtil::release); // the server is shutting down
        }
    }

    private static void writeAndFlush(Channel ch, List<Object> batch) {
        // Indexed: C1 (the launchers' only compiler) would make an iterator per flush for a for-each.
        for (int i = 0; i < batch.size(); i++) {
            ch.write(batch.get(i), ch.voidPromise()); // released by the channel if it is closed
        }
        ch.flush();
    }

    void close() {
        reusable = false;
        unflushed.forEach(ReferenceCountUtil::release);
        unflushed.clear();
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
