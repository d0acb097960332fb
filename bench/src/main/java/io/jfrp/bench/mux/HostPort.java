package io.jfrp.bench.mux;

import java.net.InetSocketAddress;

/** {@code HOST:PORT} or {@code [IPv6]:PORT}, resolved without touching any resolver for literals. */
final class HostPort {
    private HostPort() {
    }

    static InetSocketAddress parse(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + s);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(s.substring(colon + 1));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in " + s);
        }
        return new InetSocketAddress(host, port);
    }
}
