package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
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

    BackendHttpCodec(HttpDecoderConfig config) {
        init(new Decoder(config), new Encoder());
    }

    /** Records each request's method for the decoder. */
    final class Encoder extends HttpRequestEncoder {
        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (msg instanceof HttpRequest req) {
                sent.offer(req.method());
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
            super.decode(ctx, in, out);
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
