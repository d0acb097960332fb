package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import static io.jfrp.server.vhost.http.HeadBytes.headerColon;
import static io.jfrp.server.vhost.http.HeadBytes.indexOfLf;
import static io.jfrp.server.vhost.http.HeadBytes.named;
import static io.jfrp.server.vhost.http.HeadBytes.trimEnd;
import static io.jfrp.server.vhost.http.HeadBytes.trimStart;

/**
 * Reads a client's request head in place, without decoding it, to tell whether it can go to the
 * service as it came plus frp's X-Forwarded-* lines ({@link PassedRequest}): an HTTP/1.1 request in
 * origin form ({@code GET /path HTTP/1.1}), not CONNECT, without a body (no Content-Length, no
 * Transfer-Encoding), with exactly one Host, at most one Authorization, no hop-by-hop header but
 * {@code Connection: keep-alive} (its line is left out), none of the headers the vhost sets
 * (X-Forwarded-For, -Host, -Proto, X-Real-IP) or removes (Netty's {@code x-http2-*}), no Expect,
 * at most {@code maxHeaders} header fields, and well formed by the rules Netty's decoder checks
 * (CRLF line ends, token names, values without control characters, no folded lines). Anything else
 * (request bodies, HTTP/1.0, absolute-form targets, upgrades, a head over {@link #LIMIT} bytes,
 * anything unusual or malformed) is left to Netty's decoder, which reads the same bytes from the
 * start: the scanner consumes nothing. One instance per public connection; its loop.
 */
final class RequestHeadScanner {
    /** The head is not complete yet: scan again when more bytes came. */
    static final int INCOMPLETE = 0;
    /** The head can pass: see the fields. */
    static final int PASS = 1;
    /** Netty's decoder takes this request. */
    static final int DECODE = 2;
    /**
     * Heads longer are decoded (Netty's limits are 16 KiB for the request line and 64 KiB for the
     * headers): a head that arrives in pieces is scanned again from its start at each piece, so the
     * bytes scanned stay bounded (browsers' heads are 0.5-2 KiB, wrk's 40 bytes).
     */
    static final int LIMIT = 4096;

    /** The bytes of the head being scanned: one array per event loop thread, not per connection. */
    private static final FastThreadLocal<byte[]> HEAD = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[LIMIT];
        }
    };
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxHeaders;

    /** The head's length, its blank line included. */
    int headLength;
    /** The method's and the target's ends, as offsets in {@link #bytes()}. */
    int methodEnd;
    int targetEnd;
    /** Where the Host value starts and ends; -1 before it is found. */
    int hostStart;
    int hostEnd;
    /** Where the Authorization value starts and ends; -1 when there is none. */
    int authStart;
    int authEnd;
    /** The Connection line (its CRLF included), left out; -1 when none. */
    int connectionStart;
    int connectionEnd;
    private int fields;

    /** @param maxHeaders heads with more header fields are decoded (and refused there) */
    RequestHeadScanner(int maxHeaders) {
        this.maxHeaders = maxHeaders;
    }

    /**
     * Scans the head at {@code in}'s reader index; reads nothing. The bytes are copied once into a
     * per-thread array ({@link #bytes()}, valid until the next scan on this thread) and read there:
     * through a direct buffer each {@code getByte} is several calls C1 does not inline.
     */
    int scan(ByteBuf in) {
        int n = Math.min(in.readableBytes(), LIMIT);
        byte[] a = HEAD.get();
        in.getBytes(in.readerIndex(), a, 0, n);
        return scan(a, n, in.readableBytes());
    }

    /** The bytes the last {@link #scan} read, from the head's first byte. */
    static byte[] bytes() {
        return HEAD.get();
    }

    private int scan(byte[] a, int end, int readable) {
        hostStart = -1;
        hostEnd = -1;
        authStart = -1;
        authEnd = -1;
        connectionStart = -1;
        connectionEnd = -1;
        fields = 0;
        int lf = indexOfLf(a, 0, end);
        if (lf < 0) {
            // Bytes that cannot start a request line that passes (a TLS ClientHello, garbage) are
            // Netty's at once, to be refused as before rather than waited on.
            return startsRequestLine(a, end) ? incomplete(readable) : DECODE;
        }
        if (!requestLine(a, lf)) {
            return DECODE;
        }
        int pos = lf + 1;
        while (true) {
            lf = indexOfLf(a, pos, end);
            if (lf < 0) {
                return incomplete(readable);
            }
            if (lf == pos || a[lf - 1] != CR) {
                return DECODE; // a bare LF
            }
            if (lf == pos + 1) { // the blank line
                headLength = lf + 1;
                return hostStart >= 0 ? PASS : DECODE;
            }
            if (++fields > maxHeaders || !header(a, pos, lf - 1, lf + 1)) {
                return DECODE;
            }
            pos = lf + 1;
        }
    }

    private static int incomplete(int readable) {
        return readable >= LIMIT ? DECODE : INCOMPLETE;
    }

    /** Whether the {@code end} bytes of {@code a} (no LF among them) may begin a request line {@link #requestLine} takes. */
    private static boolean startsRequestLine(byte[] a, int end) {
        int i = 0;
        while (i < end && a[i] >= 'A' && a[i] <= 'Z') {
            i++;
        }
        if (i == end) {
            return i <= 16;
        }
        if (i == 0 || i > 16 || a[i] != ' ') {
            return false;
        }
        i++;
        if (i == end) {
            return true;
        }
        if (a[i] != '/') {
            return false;
        }
        while (i < end && a[i] > ' ' && a[i] < 0x7f) {
            i++;
        }
        return i == end || a[i] == ' ';
    }

    /** "GET /path HTTP/1.1" before the LF at {@code lf}: an upper-case method but CONNECT, an origin-form target. */
    private boolean requestLine(byte[] a, int lf) {
        int cr = lf - 1;
        if (cr < 0 || a[cr] != CR) {
            return false;
        }
        int i = 0;
        while (i < cr && a[i] >= 'A' && a[i] <= 'Z') {
            i++;
        }
        if (i == 0 || i > 16 || i >= cr || a[i] != ' ' || named(a, 0, i, "connect")) {
            return false;
        }
        methodEnd = i;
        i++;
        if (i >= cr || a[i] != '/') {
            return false; // absolute form, asterisk form: decoded
        }
        while (i < cr && a[i] > ' ' && a[i] < 0x7f) {
            i++;
        }
        targetEnd = i;
        // " HTTP/1.1" and nothing else
        return cr - i == 9 && a[i] == ' ' && a[i + 1] == 'H' && a[i + 2] == 'T' && a[i + 3] == 'T'
                && a[i + 4] == 'P' && a[i + 5] == '/' && a[i + 6] == '1' && a[i + 7] == '.' && a[i + 8] == '1';
    }

    /** A header line {@code [from, cr)}; {@code next} is where the next line starts. */
    private boolean header(byte[] a, int from, int cr, int next) {
        int colon = headerColon(a, from, cr);
        if (colon < 0) {
            return false;
        }
        int v = trimStart(a, colon + 1, cr);
        int ve = trimEnd(a, v, cr);
        int nameLength = colon - from;
        switch (nameLength) {
            case 4:
                if (named(a, from, 4, "host")) {
                    if (hostStart >= 0) {
                        return false;
                    }
                    hostStart = v;
                    hostEnd = ve;
                }
                return true;
            case 10:
                if (named(a, from, 10, "connection")) {
                    if (connectionStart >= 0 || !named(a, v, ve - v, "keep-alive")) {
                        return false; // close, or names other headers to drop: decoded
                    }
                    connectionStart = from;
                    connectionEnd = next;
                    return true;
                }
                return !named(a, from, 10, "keep-alive");
            case 13:
                if (named(a, from, 13, "authorization")) {
                    if (authStart >= 0) {
                        return false;
                    }
                    authStart = v;
                    authEnd = ve;
                }
                return true;
            default:
                break;
        }
        if (nameLength >= 7 && named(a, from, 7, "x-http2")) {
            return false; // what Netty's HTTP/2 conversion adds: the vhost removes such names
        }
        // Framing this scanner does not follow, hop-by-hop headers the vhost drops (HeaderRules),
        // and the headers it sets.
        return !named(a, from, nameLength, "content-length") && !named(a, from, nameLength, "transfer-encoding")
                && !named(a, from, nameLength, "expect") && !named(a, from, nameLength, "proxy-connection")
                && !named(a, from, nameLength, "te") && !named(a, from, nameLength, "trailer")
                && !named(a, from, nameLength, "upgrade") && !named(a, from, nameLength, "proxy-authorization")
                && !named(a, from, nameLength, "proxy-authenticate")
                && !named(a, from, nameLength, "x-forwarded-for") && !named(a, from, nameLength, "x-forwarded-host")
                && !named(a, from, nameLength, "x-forwarded-proto") && !named(a, from, nameLength, "x-real-ip");
    }
}
