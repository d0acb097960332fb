package io.jfrp.bench.paths;

import java.net.InetSocketAddress;

/**
 * Where a load client connects to reach a published service.
 *
 * @param address    the public address (always on 127.0.0.1 or inside a bench namespace)
 * @param hostHeader non-null when requests must carry that Host header (the vhost path routes by it)
 */
public record PublicEndpoint(InetSocketAddress address, String hostHeader) {
}
