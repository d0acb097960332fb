package io.jfrp.client.plugin.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

/** What to do with one request: forward it, or answer it here. */
public sealed interface Route {
    /** Forward to {@code upstream}. */
    record To(Upstream upstream) implements Route {
    }

    /**
     * Answer with {@code response} (an error, a refusal); the request's body is discarded.
     *
     * @param close       close the connection after the answer
     * @param delayMillis wait this long first (a wrong password, to slow guessing)
     */
    record Answer(FullHttpResponse response, boolean close, long delayMillis) implements Route {
        public Answer(FullHttpResponse response, boolean close) {
            this(response, close, 0);
        }
    }

    /**
     * A CONNECT: once the request is read, the connection becomes a byte tunnel to {@code target},
     * opened with frp's raw {@code HTTP/1.1 200 OK} (or refused with 400 when it cannot be reached).
     */
    record Tunnel(Upstream target) implements Route {
    }

    /** Decides the route of each request and prepares it (headers, URI) for the upstream. */
    @FunctionalInterface
    interface Router {
        /**
         * The route of {@code request}; a forwarded request is changed in place into what the upstream
         * gets. {@code client} describes the downstream connection.
         */
        Route route(HttpRequest request, ClientSide client);
    }

    /**
     * The downstream connection a request came on.
     *
     * @param clientIp the user's address as frps saw it, else the work connection's peer
     * @param tls      whether it reached jfrpc over TLS (https2http, https2https)
     * @param sni      the TLS server name it asked for; empty for none
     */
    record ClientSide(String clientIp, boolean tls, String sni) {
    }
}
