package io.jfrp.server.vhost.http;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Consumer;

/**
 * The informational responses a service may send before its real one (1xx but 101: 100 Continue,
 * 103 Early Hints). An HTTP/1.1 client gets each, its empty end included, so that the encoder is
 * ready for the real response; on HTTP/2 they are optional and dropped. Confined to the public
 * connection's loop, like the exchange it serves.
 */
final class InterimResponses {
    private final boolean passOn;
    private boolean inOne;

    /** @param passOn whether the client gets them (HTTP/1.1) or they are dropped (HTTP/2) */
    InterimResponses(boolean passOn) {
        this.passOn = passOn;
    }

    /**
     * Whether {@code msg}, a part of the service's response, belongs to an interim response; if so
     * it was written with {@code toClient} (flushed with {@code flush} at its end) or released.
     */
    boolean consumed(Object msg, Consumer<Object> toClient, Runnable flush) {
        if (msg instanceof HttpResponse res) {
            int code = res.status().code();
            inOne = code >= 100 && code < 200 && code != 101;
            if (!inOne) {
                return false;
            }
        } else if (!inOne) {
            return false;
        } else if (msg instanceof LastHttpContent) {
            inOne = false;
        }
        if (passOn) {
            toClient.accept(msg);
            if (msg instanceof HttpContent) {
                flush.run();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
        return true;
    }
}
