package io.jfrp.server.vhost.tcpmux;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The answers the tcpmux HTTP CONNECT port gives, encoded by Netty's HTTP codec. The success and
 * 407 answers have stock frps' exact bytes, so clients see no difference:
 * {@code HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n} and
 * {@code HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="Restricted"\r\nContent-Length: 0\r\n\r\n}.
 * A host no proxy serves gets {@link io.jfrp.server.vhost.NotFoundPages#forConnect}; anything else
 * refused is closed without an answer, as stock frps does.
 */
public final class ConnectResponses {
    private ConnectResponses() {
    }

    /** The tunnel is open: what follows is the backend's. */
    public static FullHttpResponse established() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set("Content-Length", "0");
        return r;
    }

    /** The proxy wants {@code httpUser}/{@code httpPassword} and did not get them. */
    public static FullHttpResponse proxyAuthenticationRequired() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED);
        r.headers().set("Proxy-Authenticate", "Basic realm=\"Restricted\"");
        r.headers().set("Content-Length", "0");
        return r;
    }
}
