package io.jfrp.server.vhost.http;

import io.jfrp.protocol.transport.LingeringClose;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The HTTP/1.1 codec of a public connection: what {@link HttpServerCodec} does (a response to HEAD
 * has no body, a 2xx to CONNECT no Transfer-Encoding, a request with both Transfer-Encoding and
 * Content-Length closes the connection after its response), plus responses passed through as bytes
 * ({@link PassedResponse}), whose bytes it writes as they are. Netty's server codec keeps the
 * requests' methods in a queue that only responses it encodes take from, so bytes cannot pass by it.
 *
 * <p>One instance per connection; its loop only.
 */
final class PublicHttpCodec extends CombinedChannelDuplexHandler<PublicHttpCodec.Decoder, PublicHttpCodec.Encoder> {
    /** Methods of the requests read and not answered yet, oldest first. */
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(2);
    private boolean closeAfterResponse;

    /** @param maxHeaders jfrp.security.httpMaxHeaders: heads with more fields are decoded (and refused there) */
    PublicHttpCodec(HttpDecoderConfig config, int maxHeaders) {
        init(new Decoder(config, maxHeaders), new Encoder());
    }

    /**
     * Netty's request decoder; records each request's method. A request head that can go to the
     * service as it came ({@link RequestHeadScanner}) is not decoded: it becomes a
     * {@link PassedRequest} and the body's (empty) end, as Netty's decoder gives a request without
     * a body. Everything else, and every byte after a head Netty began, is Netty's.
     */
    final class Decoder extends HttpRequestDecoder {
        /** Scans of a head arriving in pieces before Netty's decoder takes it: bounds the rescans. */
        private static final int MAX_SCANS = 4;
        private final RequestHeadScanner scanner;
        /** The next byte starts a request (Netty's decoder is between messages). */
        private boolean atStart = true;
        /** Scans of the head at hand so far. */
        private int scans;

        Decoder(HttpDecoderConfig config, int maxHeaders) {
            super(config);
            this.scanner = new RequestHeadScanner(maxHeaders);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (atStart) {
                int verdict = scanner.scan(buffer);
                if (verdict == RequestHeadScanner.INCOMPLETE && ++scans < MAX_SCANS) {
                    return; // nothing consumed: more bytes come, or the head deadline closes the connection
                }
                scans = 0;
                if (verdict == RequestHeadScanner.PASS) {
                    PassedRequest req = PassedRequest.of(scanner, RequestHeadScanner.bytes());
                    buffer.skipBytes(scanner.headLength);
                    methods.offer(req.method());
                    out.add(req);
                    out.add(LastHttpContent.EMPTY_LAST_CONTENT);
                    return;
                }
            }
            int before = out.size();
            super.decode(ctx, buffer, out);
            int after = out.size();
            for (int i = before; i < after; i++) {
                if (out.get(i) instanceof HttpRequest req) {
                    methods.offer(req.method());
                }
            }
            // Between messages again once Netty's gave a request's end; until then the bytes are its.
            atStart = after > before && out.get(after - 1) instanceof LastHttpContent last
                    && last.decoderResult().isSuccess();
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            atStart = false; // an incomplete head at the end is Netty's to report, as before
            super.decodeLast(ctx, in, out);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            closeAfterResponse = true; // as HttpServerCodec: the framing was ambiguous
        }
    }

    /** Netty's response encoder, and the bytes of passed responses as they are. */
    final class Encoder extends HttpResponseEncoder {
        private HttpMethod method;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (closeAfterResponse && msg instanceof LastHttpContent) {
                closeAfterResponse = false;
                promise = promise.unvoid().addListener(f -> LingeringClose.close(ctx.channel()));
            }
            if (msg instanceof PassedResponse.Part part) {
                if (msg instanceof PassedResponse.Head) {
                    methods.poll();
                }
                ctx.write(part.content(), promise); // the buffer goes on; the holder was only its wrapper
                return;
            }
            super.write(ctx, msg, promise);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method)
                    && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }
    }
}
