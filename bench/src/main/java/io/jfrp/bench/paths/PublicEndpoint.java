package io.jfrp.bench.paths;

import java.net.InetSocketAddress;

/** Where a load client connects, and the Host header requests must carry (the vhost path's) or null. */
public record PublicEndpoint(InetSocketAddress address, String hostHeader) {
    /** The URL of {@code path} here (the address; the Host header is sent separately). */
    public String url(String path) {
        return "http://" + address.getHostString() + ":" + address.getPort() + path;
    }
}
