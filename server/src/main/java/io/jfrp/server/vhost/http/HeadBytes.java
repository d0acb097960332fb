package io.jfrp.server.vhost.http;

/**
 * The byte tests {@link RequestHeadScanner} and {@link ResponseHeadScanner} share when they read an
 * HTTP/1.1 head in place: line ends, header-name tokens, value bytes, and case-insensitive names, by
 * the rules Netty's decoder checks, so that what a scanner passes Netty would have accepted.
 */
final class HeadBytes {
    private HeadBytes() {
    }

    /** The first LF in {@code a} from {@code from} up to {@code end}, or -1. */
    static int indexOfLf(byte[] a, int from, int end) {
        for (int i = from; i < end; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The colon of a well-formed header line {@code [from, cr)}: a non-empty token name, then only
     * value bytes; -1 for anything else (a folded line, a space before the colon, a control character).
     */
    static int headerColon(byte[] a, int from, int cr) {
        int colon = -1;
        for (int i = from; i < cr; i++) {
            if (a[i] == ':') {
                colon = i;
                break;
            }
            if (!tokenByte(a[i])) {
                return -1;
            }
        }
        if (colon <= from) {
            return -1;
        }
        for (int i = colon + 1; i < cr; i++) {
            if (!valueByte(a[i])) {
                return -1;
            }
        }
        return colon;
    }

    /** The first byte at or after {@code v} (before {@code end}) that is no optional whitespace. */
    static int trimStart(byte[] a, int v, int end) {
        while (v < end && isOws(a[v])) {
            v++;
        }
        return v;
    }

    /** The end of the value {@code [v, ve)} without its trailing optional whitespace. */
    static int trimEnd(byte[] a, int v, int ve) {
        while (ve > v && isOws(a[ve - 1])) {
            ve--;
        }
        return ve;
    }

    /** Whether the {@code length} bytes at {@code from} are {@code lower}, whatever their case. */
    static boolean named(byte[] a, int from, int length, String lower) {
        if (length != lower.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int b = a[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Optional whitespace around a header value. */
    private static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Visible characters, space, tab and obs-text; no other control character. */
    static boolean valueByte(byte b) {
        return b == '\t' || (b & 0xff) >= 0x20 && b != 0x7f;
    }

    /** RFC 9110 tchar. */
    private static boolean tokenByte(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return switch (b) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
