package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import static io.jfrp.server.vhost.http.HeadBytes.headerColon;
import static io.jfrp.server.vhost.http.HeadBytes.indexOfLf;
import static io.jfrp.server.vhost.http.HeadBytes.named;
import static io.jfrp.server.vhost.http.HeadBytes.trimEnd;
import static io.jfrp.server.vhost.http.HeadBytes.trimStart;
import static io.jfrp.server.vhost.http.HeadBytes.valueByte;

/**
 * Reads a service's response head in place, without decoding it, to tell whether it can go to the
 * client as it came ({@link PassedResponse}): an HTTP/1.1 final response (200-599 but 204 and 304)
 * framed by one Content-Length, with no hop-by-hop header but Connection, well-formed by the rules
 * Netty's decoder checks (CRLF line ends, token names, values without control characters, no
 * folded lines). Anything else (chunked or close-delimited bodies, 1xx, HTTP/1.0, a malformed or
 * unusual head, a head over {@link #LIMIT} bytes) is left to Netty's decoder, which reads the same
 * bytes from the start: the scanner consumes nothing. One instance per work connection; its loop.
 */
final class ResponseHeadScanner {
    /** The head is not complete yet: scan again when more bytes came. */
    static final int INCOMPLETE = 0;
    /** The head can pass: see {@link #headLength}, {@link #contentLength}, {@link #keepAlive}. */
    static final int PASS = 1;
    /** Netty's decoder takes this response. */
    static final int DECODE = 2;
    /**
     * Heads longer are decoded: a head that arrives in small pieces is scanned again from its start
     * at every piece, so the bytes scanned stay bounded (nginx's heads are about 250 bytes).
     */
    static final int LIMIT = 4096;

    /** The bytes of the head being scanned: one array per event loop thread, not per work connection. */
    private static final FastThreadLocal<byte[]> HEAD = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[LIMIT];
        }
    };
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** The head's length, its blank line included. */
    int headLength;
    int status;
    long contentLength;
    boolean keepAlive;
    /** The Connection line (its CRLF included), which the client does not get; -1 when none. */
    int connectionStart;
    int connectionEnd;

    /**
     * Scans the head at {@code in}'s reader index; reads nothing. The bytes are copied once into
     * {@link #HEAD} (one bulk copy) and read there: through a slice of a direct buffer, each
     * {@code getByte} is several calls that C1 (the launchers' only compiler) does not inline.
     */
    int scan(ByteBuf in) {
        int start = in.readerIndex();
        int n = Math.min(in.readableBytes(), LIMIT);
        byte[] a = HEAD.get();
        in.getBytes(start, a, 0, n);
        int verdict = scan(a, n, in.readableBytes());
        if (connectionStart >= 0) {
            connectionStart += start;
            connectionEnd += start;
        }
        return verdict;
    }

    /** Scans the {@code end} bytes of {@code a}, of {@code readable} in the buffer. */
    private int scan(byte[] a, int end, int readable) {
        status = -1;
        contentLength = -1;
        keepAlive = true;
        connectionStart = -1;
        connectionEnd = -1;
        int lf = indexOfLf(a, 0, end);
        if (lf < 0) {
            return incomplete(readable);
        }
        if (!statusLine(a, 0, lf)) {
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
                return contentLength >= 0 ? PASS : DECODE;
            }
            if (!header(a, pos, lf - 1, lf + 1)) {
                return DECODE;
            }
            pos = lf + 1;
        }
    }

    private static int incomplete(int readable) {
        return readable >= LIMIT ? DECODE : INCOMPLETE;
    }

    /** "HTTP/1.1 200 OK" between {@code from} and the LF at {@code lf}. */
    private boolean statusLine(byte[] a, int from, int lf) {
        int cr = lf - 1;
        if (cr - from < 12 || a[cr] != CR || a[from + 12] != ' ' && from + 12 != cr) {
            return false;
        }
        if (a[from] != 'H' || a[from + 1] != 'T' || a[from + 2] != 'T'
                || a[from + 3] != 'P' || a[from + 4] != '/' || a[from + 5] != '1'
                || a[from + 6] != '.' || a[from + 7] != '1' || a[from + 8] != ' ') {
            return false;
        }
        int code = 0;
        for (int i = from + 9; i < from + 12; i++) {
            byte b = a[i];
            if (b < '0' || b > '9') {
                return false;
            }
            code = code * 10 + b - '0';
        }
        for (int i = from + 12; i < cr; i++) {
            if (!valueByte(a[i])) {
                return false;
            }
        }
        status = code;
        return code >= 200 && code < 600 && code != 204 && code != 304;
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
        if (named(a, from, nameLength, "content-length")) {
            if (contentLength >= 0 || ve == v || ve - v > 18) {
                return false; // repeated, empty or too long: Netty's decoder says what is wrong
            }
            long n = 0;
            for (int i = v; i < ve; i++) {
                byte b = a[i];
                if (b < '0' || b > '9') {
                    return false;
                }
                n = n * 10 + b - '0';
            }
            contentLength = n;
            return true;
        }
        if (named(a, from, nameLength, "connection")) {
            if (connectionStart >= 0) {
                return false;
            }
            if (named(a, v, ve - v, "keep-alive")) {
                keepAlive = true;
            } else if (named(a, v, ve - v, "close")) {
                keepAlive = false;
            } else {
                return false; // names other headers to drop
            }
            connectionStart = from;
            connectionEnd = next;
            return true;
        }
        // Hop-by-hop headers the vhost drops (HeaderRules), and the framing this scanner does not follow.
        return !named(a, from, nameLength, "transfer-encoding") && !named(a, from, nameLength, "keep-alive")
                && !named(a, from, nameLength, "proxy-connection") && !named(a, from, nameLength, "te")
                && !named(a, from, nameLength, "trailer") && !named(a, from, nameLength, "upgrade")
                && !named(a, from, nameLength, "proxy-authenticate")
                && !named(a, from, nameLength, "proxy-authorization");
    }
}
