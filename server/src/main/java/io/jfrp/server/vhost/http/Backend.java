package io.jfrp.server.vhost.http;

import io.netty.channel.Channel;

/**
 * One work connection speaking HTTP/1.1 to a proxy's local service on behalf of one public
 * connection (or HTTP/2 stream). Kept for the next request of that connection when it goes to the
 * same proxy and the service kept the connection alive.
 */
final class Backend {
    final HttpRouteTarget proxy;
    /** Set on the work connection's loop before {@link HttpExchangeHandler} hears of it. */
    volatile Channel channel;
    /** False once the service said Connection: close, or the exchange broke off (public side's loop). */
    boolean reusable = true;
    /** The request in flight is a CONNECT, so a 2xx answer starts a tunnel (read by the forwarder). */
    volatile boolean connectSent;

    Backend(HttpRouteTarget proxy) {
        this.proxy = proxy;
    }

    boolean usableFor(HttpRouteTarget p) {
        Channel ch = channel;
        return proxy == p && reusable && ch != null && ch.isActive();
    }

    void close() {
        reusable = false;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
