package io.jfrp.server.vhost.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One request being served on a public connection, from its head to the end of its response: what
 * the client asked for (keep-alive, HTTP/1.0, HEAD, CONNECT) and where the exchange is. Confined to
 * the public connection's event loop.
 */
final class HttpExchange {
    /** Where the request is. */
    enum Phase {
        /** Waiting for a work connection; request parts queue. */
        CONNECTING,
        /** Request head sent; body parts go to the backend as they come. */
        SENDING,
        /** Request sent; waiting for (the rest of) the response. */
        AWAITING_RESPONSE,
        /** Answered locally (404, 401, 504...); the rest of the request body is dropped. */
        DISCARDING
    }

    final boolean clientKeepAlive;
    final boolean clientHttp10;
    final boolean head;
    /** CONNECT: a 2xx answer turns the connection into a tunnel, as a 101 does. */
    final boolean connect;
    /**
     * CONNECT, or an Upgrade request (WebSocket...): the connection may leave HTTP after the answer,
     * so the client's next bytes must not be read as HTTP before it is known ({@link ClientReading}).
     */
    final boolean mayUpgrade;
    Phase phase;
    boolean requestDone;
    boolean responseStarted;
    /** The service answered 101 (or 2xx to CONNECT): the switch to a relay follows the response's end. */
    boolean upgrading;

    HttpExchange(HttpRequest req) {
        this.clientKeepAlive = HttpUtil.isKeepAlive(req);
        this.clientHttp10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.head = HttpMethod.HEAD.equals(req.method());
        this.connect = HttpMethod.CONNECT.equals(req.method());
        this.mayUpgrade = connect || req.headers().contains(HttpHeaderNames.UPGRADE);
    }
}
