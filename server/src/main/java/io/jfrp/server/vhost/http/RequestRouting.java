package io.jfrp.server.vhost.http;

import io.jfrp.server.vhost.NotFoundPages;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URISyntaxException;

/**
 * Where the vhost sends a request head, as frp decides it: the request's target
 * ({@link RequestTarget}), the route by host, path and basic-auth user ({@link HttpRouter}), a proxy
 * of that route (the connection's current one while it still serves the route), then that proxy's
 * httpUser/httpPassword. The outcome is a proxy to forward to, an answer to give here (404 for no
 * route, frps' 404 with its Server header for a CONNECT, 401/407 for a refused user, 405 for CONNECT on HTTP/2), or a malformed request (400, or
 * 414/431 for what is too long).
 */
final class RequestRouting {
    private static final Logger log = LoggerFactory.getLogger(RequestRouting.class);

    private RequestRouting() {
    }

    /** What happens to one request. */
    sealed interface Decision permits Forward, Answer, RefuseConnect, Malformed {
    }

    /**
     * A CONNECT for a host no proxy serves: frps' answer ({@link NotFoundPages#forConnect}) written as
     * it is, then the connection closed, as frps writes it on the connection it took over.
     */
    record RefuseConnect(FullHttpResponse response) implements Decision {
    }

    /** Forward to {@code proxy}; {@code target} is what the request was routed by. */
    record Forward(HttpRouteTarget proxy, RequestTarget target) implements Decision {
    }

    /** Answer here with {@code response} (the request's body is read and dropped). */
    record Answer(FullHttpResponse response) implements Decision {
    }

    /** The request line does not parse. */
    record Malformed(Throwable cause) implements Decision {
    }

    /**
     * Decides for {@code req}, on an HTTP/2 stream or not; {@code current} is the proxy of the
     * connection's work connection while it can serve another request, else null. Runs on the
     * public connection's loop.
     */
    static Decision decide(HttpVhost vhost, HttpRequest req, boolean http2Stream, HttpRouteTarget current,
                           ByteBufAllocator alloc) {
        Throwable malformed = vhost.malformed(req);
        if (malformed != null) {
            return new Malformed(malformed);
        }
        if (http2Stream && HttpMethod.CONNECT.equals(req.method())) {
            return new Answer(ErrorPages.text(alloc, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "CONNECT is served over HTTP/1.1 only"));
        }
        RequestTarget target;
        try {
            target = RequestTarget.of(req);
        } catch (URISyntaxException e) {
            return new Malformed(e);
        }
        HttpRouter.Route route = vhost.router().lookup(target.host(), target.path(), target.routeUser());
        HttpRouteTarget proxy = route == null ? null : vhost.router().pick(route, current);
        if (proxy == null) {
            log.debug("http vhost: no route for host [{}] path [{}] user [{}]", target.host(), target.path(),
                    target.routeUser());
            return HttpMethod.CONNECT.equals(req.method())
                    ? new RefuseConnect(NotFoundPages.forConnect(alloc, vhost.notFoundPage()))
                    : new Answer(ErrorPages.notFound(alloc, vhost.notFoundPage()));
        }
        if (!target.admittedBy(proxy.config())) {
            return new Answer(target.refusal(alloc));
        }
        return new Forward(proxy, target);
    }
}
