package io.jfrp.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalisation every record of the model applies to its fields: null text is empty, null lists
 * and maps are empty, lists and maps are copied (maps keep their order: header names are written
 * in file order). frp treats an unset string and an empty one alike, so the model does too.
 */
public final class Fields {
    private Fields() {
    }

    /** {@code s}, or "" for null. */
    public static String text(String s) {
        return s == null ? "" : s;
    }

    /** An unmodifiable copy of {@code l}, or an empty list for null. */
    public static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** An unmodifiable copy of {@code m} in its order, or an empty map for null. */
    public static Map<String, String> map(Map<String, String> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** frp's udpPacketSize: 1500 bytes, on both sides. */
    public static final int DEFAULT_UDP_PACKET_SIZE = 1500;
    /** The largest payload of a UDP datagram over IPv4. */
    public static final int MAX_UDP_PACKET_SIZE = 65507;

    /** udpPacketSize: 0 (unset) is frp's default; else 1..{@link #MAX_UDP_PACKET_SIZE}. */
    public static int udpPacketSize(int size) {
        if (size == 0) {
            return DEFAULT_UDP_PACKET_SIZE;
        }
        if (size < 0 || size > MAX_UDP_PACKET_SIZE) {
            throw new IllegalArgumentException("udpPacketSize must be 1.." + MAX_UDP_PACKET_SIZE + ", got " + size);
        }
        return size;
    }

    /** Checks a port field: 0 (unset) to 65535. */
    public static int port(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
        }
        return port;
    }
}
