package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;

import java.util.List;

/**
 * The first handler of a public vhostHTTPPort connection: tells HTTP/2 with prior knowledge (the
 * connection starts with the HTTP/2 preface) from HTTP/1.1 on the first bytes, then leaves. For
 * HTTP/1.1 the handlers after it stay as they are; for HTTP/2 the named HTTP/1.1 handlers are replaced
 * by {@code http2}. Either way what it buffered flows on to what follows it then.
 *
 * <p>Netty's {@code CleartextHttp2ServerUpgradeHandler} does the same, but only together with an
 * {@code HttpServerUpgradeHandler}, which stays in every HTTP/1.1 pipeline and handles each request
 * part once more (an output list, a retain and a release per part). h2c by {@code Upgrade: h2c} is
 * not offered (frps does not either), so nothing needs that handler. One instance per connection;
 * event loop only.
 */
final class PriorKnowledgeDetector extends ByteToMessageDecoder {
    /** "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n": shared and read only (indices never moved). */
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final List<String> http1Handlers;
    private final ChannelHandler http2;

    /**
     * @param http1Handlers names of the HTTP/1.1 handlers after this one, removed for HTTP/2
     * @param http2         what takes their place for HTTP/2 (a ChannelInitializer, say)
     */
    PriorKnowledgeDetector(List<String> http1Handlers, ChannelHandler http2) {
        this.http1Handlers = http1Handlers;
        this.http2 = http2;
    }

    /** True, false, or null while the bytes so far are a start of the preface and too few to tell. */
    static Boolean isPreface(ByteBuf in) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), n)) {
            return false;
        }
        return n == PREFACE.readableBytes() ? Boolean.TRUE : null;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Boolean preface = isPreface(in);
        if (preface == null) {
            return; // the HTTP/1.1 request head deadline bounds this wait as any other
        }
        if (preface) {
            for (String name : http1Handlers) {
                ctx.pipeline().remove(name);
            }
            ctx.pipeline().addAfter(ctx.name(), null, http2);
        }
        ctx.pipeline().remove(this);
    }
}
