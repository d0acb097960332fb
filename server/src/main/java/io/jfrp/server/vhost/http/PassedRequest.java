package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request head that goes to the service as the client wrote it ({@link RequestHeadScanner}), with
 * frp's X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Proto and X-Real-IP lines added at its end:
 * what {@link HeaderRules#toBackend} would make of it, without decoding every header into objects
 * and encoding them again. For routing and the exchange it is an {@link io.netty.handler.codec.http.HttpRequest}
 * whose headers hold only what they read: Host, and Authorization when sent. A proxy with header
 * rules (hostHeaderRewrite, requestHeaders.set) gets the whole head decoded ({@link #decodeAll})
 * and the usual path. The bytes are a heap array of the head's size: nothing to release.
 *
 * <p>Made by {@link PublicHttpCodec}; written by {@link BackendHttpCodec}. One exchange's loop.
 */
final class PassedRequest extends DefaultHttpRequest {
    /** The request line and header lines as sent, CRLFs included, without the blank line; null once decoded. */
    private byte[] lines;
    private String clientIp;
    private String originalHost;

    private PassedRequest(HttpMethod method, String uri, HttpHeaders headers, byte[] lines) {
        super(HttpVersion.HTTP_1_1, method, uri, headers);
        this.lines = lines;
    }

    /** The head {@code s} scanned in {@code a} (from its first byte), its Connection line left out. */
    static PassedRequest of(RequestHeadScanner s, byte[] a) {
        HttpMethod method = HttpMethod.valueOf(new String(a, 0, s.methodEnd, StandardCharsets.US_ASCII));
        String uri = new String(a, s.methodEnd + 1, s.targetEnd - s.methodEnd - 1, StandardCharsets.ISO_8859_1);
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        headers.add(HttpHeaderNames.HOST, new String(a, s.hostStart, s.hostEnd - s.hostStart, StandardCharsets.ISO_8859_1));
        if (s.authStart >= 0) {
            headers.add(HttpHeaderNames.AUTHORIZATION,
                    new String(a, s.authStart, s.authEnd - s.authStart, StandardCharsets.ISO_8859_1));
        }
        int end = s.headLength - 2; // without the blank line
        byte[] lines;
        if (s.connectionStart < 0) {
            lines = Arrays.copyOf(a, end);
        } else {
            lines = new byte[end - (s.connectionEnd - s.connectionStart)];
            System.arraycopy(a, 0, lines, 0, s.connectionStart);
            System.arraycopy(a, s.connectionEnd, lines, s.connectionStart, end - s.connectionEnd);
        }
        return new PassedRequest(method, uri, headers, lines);
    }

    /** Whether the head still goes as its bytes (not {@link #decodeAll decoded}). */
    boolean passes() {
        return lines != null;
    }

    /** What the X-Forwarded-* lines say: the public peer's address and the Host the client asked for. */
    void forwardedFor(String clientIp, String originalHost) {
        this.clientIp = clientIp;
        this.originalHost = originalHost;
    }

    /**
     * Puts every header of the head into {@link #headers()} (validated as Netty's decoder does) for
     * the usual path ({@link HeaderRules#toBackend} and Netty's encoder); the bytes are dropped.
     */
    void decodeAll() {
        byte[] a = lines;
        if (a == null) {
            return;
        }
        lines = null;
        HttpHeaders h = headers();
        h.clear();
        int pos = indexOf(a, (byte) '\n', 0) + 1; // after the request line
        while (pos < a.length) {
            int lf = indexOf(a, (byte) '\n', pos);
            int colon = indexOf(a, (byte) ':', pos);
            int v = colon + 1;
            int ve = lf - 1; // the CR
            while (v < ve && (a[v] == ' ' || a[v] == '\t')) {
                v++;
            }
            while (ve > v && (a[ve - 1] == ' ' || a[ve - 1] == '\t')) {
                ve--;
            }
            h.add(new String(a, pos, colon - pos, StandardCharsets.ISO_8859_1),
                    new String(a, v, ve - v, StandardCharsets.ISO_8859_1));
            pos = lf + 1;
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static final byte[] XFF = "X-Forwarded-For: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XFH = "\r\nX-Forwarded-Host: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XFP_XRI = "\r\nX-Forwarded-Proto: http\r\nX-Real-IP: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The number of bytes {@link #writeTo} writes, at most. */
    int maxBytes() {
        return lines.length + XFF.length + XFH.length + XFP_XRI.length + END.length
                + 2 * clientIp.length() + originalHost.length();
    }

    /** The head as it goes to the service: its lines, the X-Forwarded-* lines, the blank line. */
    void writeTo(ByteBuf out) {
        out.writeBytes(lines);
        out.writeBytes(XFF);
        out.writeCharSequence(clientIp, StandardCharsets.ISO_8859_1);
        out.writeBytes(XFH);
        out.writeCharSequence(originalHost, StandardCharsets.ISO_8859_1);
        out.writeBytes(XFP_XRI);
        out.writeCharSequence(clientIp, StandardCharsets.ISO_8859_1);
        out.writeBytes(END);
    }
}
