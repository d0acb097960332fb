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
    static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Visible characters, space, tab and obs-text; no other control character. */
    static boolean valueByte(byte b) {
        return b == '\t' || (b & 0xff) >= 0x20 && b != 0x7f;
    }

    /** RFC 9110 tchar. */
    static boolean tokenByte(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return switch (b) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
