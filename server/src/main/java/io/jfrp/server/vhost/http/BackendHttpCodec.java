package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The HTTP/1.1 codec of a backend work connection: Netty's request encoder and response decoder,
 * paired as {@link HttpClientCodec} pairs them (a response to HEAD has no body; after a 200 to
 * CONNECT the service's bytes are no longer HTTP and pass through undecoded), with one difference:
 * the decoder takes the names of the headers services send with nearly every response from a table
 * of constants ({@link ResponseHeaderNames}) instead of making a new {@link AsciiString} for each
 * (eight to ten per response from nginx). Netty's client codec cannot be given another decoder.
 *
 * <p>One instance per work connection; its loop only.
 */
final class BackendHttpCodec extends CombinedChannelDuplexHandler<BackendHttpCodec.Decoder, BackendHttpCodec.Encoder> {
    /** Methods of the requests sent and not answered yet, oldest first (one at a time here). */
    private final Queue<HttpMethod> sent = new ArrayDeque<>(2);
    /** A 200 answered a CONNECT: what follows is the tunnel's. */
    private boolean tunnel;
    private final Backend backend;
    /** The response to the request sent last may pass as bytes ({@link Backend#passResponse}), if its head allows. */
    private boolean passNext;
    /** Body bytes still to come of a response passed as bytes; -1 when none is. */
    private long passedLeft = -1;
    private final ResponseHeadScanner scanner = new ResponseHeadScanner();

    BackendHttpCodec(HttpDecoderConfig config, Backend backend) {
        this.backend = backend;
        init(new Decoder(config), new Encoder());
    }

    /**
     * Records each request's method for the decoder. A {@link PassedRequest} head is written as its
     * bytes, and the (empty) end of its body that follows as nothing: Netty's encoder is between
     * messages before and after it.
     */
    final class Encoder extends HttpRequestEncoder {
        /** A passed head went out: its body's end, empty, comes next. */
        private boolean passedHead;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof PassedRequest req && req.passes()) {
                sent.offer(req.method());
                passNext = backend.passResponse;
                ByteBuf head = ctx.alloc().buffer(req.maxBytes());
                req.writeTo(head);
                passedHead = true;
                ctx.write(head, promise);
                return;
            }
            if (passedHead && msg instanceof LastHttpContent last) {
                passedHead = false;
                if (!last.content().isReadable() && last.trailingHeaders().isEmpty()) {
                    last.release();
                    ctx.write(Unpooled.EMPTY_BUFFER, promise);
                    return;
                }
                throw new IllegalStateException("a body after a request head passed as bytes"); // PassedRequest has none
            }
            super.write(ctx, msg, promise);
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (msg instanceof HttpRequest req) {
                sent.offer(req.method());
                passNext = backend.passResponse;
            }
            super.encode(ctx, msg, out);
        }
    }

    /** Netty's response decoder with known header names shared, and HttpClientCodec's view of HEAD and CONNECT. */
    final class Decoder extends HttpResponseDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            if (tunnel) {
                int readable = actualReadableBytes();
                if (readable > 0) {
                    out.add(in.readBytes(readable)); // held for the relay that follows
                }
                return;
            }
            if (passedLeft >= 0) {
                passBody(in, out);
                return;
            }
            if (passNext) {
                int verdict = scanner.scan(in);
                if (verdict == ResponseHeadScanner.INCOMPLETE) {
                    return;
                }
                if (verdict == ResponseHeadScanner.PASS) {
                    passNext = false;
                    passHead(ctx, in, out);
                    return;
                }
                int code = scanner.status;
                if (code < 100 || code >= 200) {
                    passNext = false; // this response is the decoder's; an interim one (complete) is and the next may pass
                }
            }
            super.decode(ctx, in, out);
        }

        /** The head as it came, its Connection line left out; then its body. */
        private void passHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            sent.poll();
            ResponseHeadScanner s = scanner;
            int start = in.readerIndex();
            ByteBuf head;
            if (s.connectionStart < 0) {
                head = in.readRetainedSlice(s.headLength);
            } else {
                head = ctx.alloc().buffer(s.headLength - (s.connectionEnd - s.connectionStart));
                head.writeBytes(in, start, s.connectionStart - start);
                head.writeBytes(in, s.connectionEnd, start + s.headLength - s.connectionEnd);
                in.skipBytes(s.headLength);
            }
            out.add(new PassedResponse.Head(head, s.keepAlive));
            passedLeft = s.contentLength;
            passBody(in, out);
        }

        private void passBody(ByteBuf in, List<Object> out) {
            int n = (int) Math.min(in.readableBytes(), passedLeft);
            if (n == passedLeft) {
                out.add(new PassedResponse.Last(n == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice(n)));
                passedLeft = -1;
            } else if (n > 0) {
                out.add(new PassedResponse.Content(in.readRetainedSlice(n)));
                passedLeft -= n;
            }
        }

        @Override
        protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
            AsciiString known = ResponseHeaderNames.find(sb, start, length);
            return known != null ? known : super.splitHeaderName(sb, start, length);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            int code = ((HttpResponse) msg).status().code();
            if (code >= 100 && code < 200) {
                return super.isContentAlwaysEmpty(msg); // interim: its request is still waiting
            }
            HttpMethod method = sent.poll();
            if (HttpMethod.HEAD.equals(method)) {
                return true;
            }
            if (code == 200 && HttpMethod.CONNECT.equals(method)) {
                tunnel = true;
                sent.clear();
                return true;
            }
            return super.isContentAlwaysEmpty(msg);
        }
    }

    /** The header names that come with nearly every response, in the case services write them. */
    static final class ResponseHeaderNames {
        private static final AsciiString[] NAMES = {HttpHeaderNames.SERVER, HttpHeaderNames.DATE,
                HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.LAST_MODIFIED,
                HttpHeaderNames.CONNECTION, HttpHeaderNames.ETAG, HttpHeaderNames.ACCEPT_RANGES,
                HttpHeaderNames.CACHE_CONTROL, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.VARY,
                HttpHeaderNames.EXPIRES, HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.CONTENT_ENCODING,
                HttpHeaderNames.LOCATION, HttpHeaderNames.SET_COOKIE};
        /** Each name twice: as HttpHeaderNames spells it (lower case, HTTP/2 style) and capitalized, as HTTP/1.1 servers send it. */
        private static final AsciiString[] TABLE = table();

        private ResponseHeaderNames() {
        }

        private static AsciiString[] table() {
            AsciiString[] t = new AsciiString[NAMES.length * 2];
            for (int i = 0; i < NAMES.length; i++) {
                t[2 * i] = NAMES[i];
                t[2 * i + 1] = AsciiString.cached(capitalized(NAMES[i].toString()));
            }
            return t;
        }

        /** "content-type" as "Content-Type"; "etag" as "ETag", the way nginx, Apache and Go write it. */
        static String capitalized(String lower) {
            if (lower.equals("etag")) {
                return "ETag";
            }
            StringBuilder sb = new StringBuilder(lower.length());
            boolean up = true;
            for (char c : lower.toCharArray()) {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = c == '-';
            }
            return sb.toString();
        }

        /** The constant with exactly these bytes, or null. */
        static AsciiString find(byte[] sb, int start, int length) {
            for (AsciiString name : TABLE) {
                if (name.length() == length && equalBytes(name, sb, start)) {
                    return name;
                }
            }
            return null;
        }

        private static boolean equalBytes(AsciiString name, byte[] sb, int start) {
            byte[] bytes = name.array();
            int offset = name.arrayOffset();
            for (int i = 0; i < name.length(); i++) {
                if (bytes[offset + i] != sb[start + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
