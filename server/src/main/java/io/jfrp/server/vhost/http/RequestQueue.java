package io.jfrp.server.vhost.http;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * The request parts a public connection has sent and that are not served yet, in order: pipelined
 * requests wait here while the one before them is answered. A whole request (what an
 * HTTP/2 stream hands over for a request without a body) is split into its head and its body, so that
 * every request takes one path. Owns what it holds: {@link #releaseAll()} releases it.
 *
 * <p>Confined to the public connection's event loop.
 */
final class RequestQueue {
    private final ArrayDeque<HttpObject> parts = new ArrayDeque<>();

    /** Queues {@code msg}; anything but an HTTP object is released and dropped. */
    void add(Object msg) {
        if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof FullHttpRequest full) {
            DefaultHttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(),
                    full.headers());
            head.setDecoderResult(full.decoderResult());
            parts.add(head);
            parts.add(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
        } else {
            parts.add((HttpObject) msg);
        }
    }

    /** The next part (now the caller's), or null. */
    HttpObject poll() {
        return parts.poll();
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Releases and drops everything queued. */
    void releaseAll() {
        HttpObject o;
        while ((o = parts.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }
}
