package io.jfrp.server.vhost.http;

import io.jfrp.protocol.transport.LingeringClose;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Writes toward the client of one public connection (or HTTP/2 stream), and closes it once they are
 * out. Most writes go without a promise: nothing listens to their result (a failed write reaches the
 * handler's {@code exceptionCaught}, which closes), and a promise per response head and end was two
 * objects per request. The end of a response after which the connection is known to close keeps its
 * promise so the close can wait for it; when a close comes after promise-less writes, an empty buffer
 * written behind them (passed through by the HTTP/1.1 encoder) completes once they are out. HTTP/2
 * streams close after every exchange, so each response end there has its promise (and a stream
 * takes no buffer). Confined to the connection's event loop.
 */
final class ClientWrites {
    private final ChannelHandlerContext ctx;
    /** The last write if it has a promise; null after a promise-less one. */
    private ChannelFuture lastWrite;

    ClientWrites(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Writes {@code msg} (not flushed); {@code closing}: the connection (an HTTP/2 stream: always)
     * closes after this response.
     */
    void write(Object msg, boolean closing) {
        if (msg instanceof LastHttpContent && closing) {
            lastWrite = ctx.write(msg);
        } else {
            lastWrite = null;
            ctx.write(msg, ctx.voidPromise());
        }
    }

    /** Flushes and closes once everything written so far is out. */
    void closeAfterLast() {
        if (lastWrite == null && !(ctx.channel() instanceof Http2StreamChannel)) {
            lastWrite = ctx.write(Unpooled.EMPTY_BUFFER);
        }
        ctx.flush();
        if (lastWrite != null) {
            lastWrite.addListener(f -> LingeringClose.close(ctx.channel()));
        } else {
            ctx.close();
        }
    }
}
