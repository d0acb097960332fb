package io.jfrp.protocol.msg;

import java.util.Comparator;

/**
 * The order in which Go's {@code encoding/json} writes a map's keys: sorted by their UTF-8 bytes,
 * which is code point order (not Java's {@link String#compareTo}, which orders UTF-16 units and so
 * puts a supplementary character before U+E000-U+FFFF). For the maps of frp's messages and of the
 * other JSON jfrp writes as frp does (a server plugin's {@code metas}).
 */
public final class GoKeyOrder {
    /** Compares strings by code point, which equals the byte order of their UTF-8 encodings. */
    public static final Comparator<String> COMPARATOR = GoKeyOrder::compare;

    private GoKeyOrder() {
    }

    private static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
