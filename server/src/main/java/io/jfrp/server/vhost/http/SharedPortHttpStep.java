package io.jfrp.server.vhost.http;

import io.jfrp.protocol.websocket.WebSocketByteStream;
import io.jfrp.server.security.PendingConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The http vhost on bindPort itself ({@code vhostHTTPPort = bindPort}, frp's "port reuse"), as one
 * step in front of the client transport's own sniffing: a connection whose first bytes are an HTTP
 * request line's method and a space (or the HTTP/2 preface's {@code PRI }) becomes a public
 * connection of the http vhost, with exactly the pipeline a vhostHTTPPort connection gets
 * ({@link HttpPublicInitializer}); everything else goes on unchanged, buffered bytes included, to the
 * handlers after this one: frp's WebSocket transport ({@code GET /~!frp}, which stock frps matches
 * on these very bytes too), TLS (0x16, 0x17), the v2 magic ({@code FRP\0}), yamux (0x00) and frp's
 * v1 messages (one lower-case letter or digit, then the length) start with none of the methods.
 *
 * <p>It waits only while the bytes so far are the start of one of the tokens (at most
 * {@link #LONGEST} bytes); the bindPort connection's first-byte and login deadlines
 * ({@link PendingConnection}) bound that wait. A connection taken for the vhost is no frp client:
 * it leaves the unauthenticated connections ({@link PendingConnection#takenByPublicProxy()}), and
 * the http vhost's own request-head deadline and header limits apply from then on. One instance per
 * connection; event loop only.
 */
public final class SharedPortHttpStep extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(SharedPortHttpStep.class);
    /** Request-line starts that make a connection the http vhost's: RFC 9110's methods, and h2c's preface. */
    static final List<byte[]> HTTP_STARTS = List.of("GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ",
            "PATCH ", "CONNECT ", "TRACE ", "PRI ").stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    /** How frp's WebSocket transport starts: never the vhost's, whatever the method says. */
    static final byte[] WEBSOCKET_START = ("GET " + WebSocketByteStream.PATH).getBytes(StandardCharsets.US_ASCII);
    /** The most bytes looked at before deciding. */
    static final int LONGEST = Math.max(WEBSOCKET_START.length,
            HTTP_STARTS.stream().mapToInt(b -> b.length).max().orElseThrow());

    private final HttpVhost vhost;

    SharedPortHttpStep(HttpVhost vhost) {
        this.vhost = vhost;
    }

    /** What the first bytes say. */
    enum Verdict {
        /** An HTTP request for the vhost. */
        HTTP,
        /** Something else: frp's transport. */
        OTHER,
        /** Too few bytes to tell yet. */
        WAIT
    }

    /** Decides on the bytes readable in {@code in} (nothing consumed). */
    static Verdict classify(ByteBuf in) {
        Verdict websocket = startsWith(in, WEBSOCKET_START);
        if (websocket != Verdict.OTHER) {
            return websocket == Verdict.WAIT ? Verdict.WAIT : Verdict.OTHER;
        }
        boolean wait = false;
        for (byte[] start : HTTP_STARTS) {
            Verdict v = startsWith(in, start);
            if (v == Verdict.HTTP) {
                return Verdict.HTTP;
            }
            wait |= v == Verdict.WAIT;
        }
        return wait ? Verdict.WAIT : Verdict.OTHER;
    }

    /** HTTP when {@code in} starts with {@code prefix}, WAIT when what it has so far does, else OTHER. */
    private static Verdict startsWith(ByteBuf in, byte[] prefix) {
        int n = Math.min(in.readableBytes(), prefix.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != prefix[i]) {
                return Verdict.OTHER;
            }
        }
        return n == prefix.length ? Verdict.HTTP : Verdict.WAIT;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        Verdict verdict = classify(in);
        if (verdict == Verdict.WAIT) {
            return;
        }
        if (verdict == Verdict.HTTP) {
            log.debug("connection from {} to bindPort is an HTTP request: the http vhost's",
                    ctx.channel().remoteAddress());
            PendingConnection pending = PendingConnection.of(ctx.channel());
            if (pending != null) {
                pending.takenByPublicProxy();
            }
            List<String> names = ctx.pipeline().names();
            for (String name : names.subList(names.indexOf(ctx.name()) + 1, names.size())) {
                if (ctx.pipeline().get(name) != null) {
                    ctx.pipeline().remove(name);
                }
            }
            HttpPublicInitializer.init(ctx.channel(), vhost);
        }
        // Either way this step is done; the bytes it holds go on to what follows it now.
        ctx.pipeline().remove(this);
    }
}
