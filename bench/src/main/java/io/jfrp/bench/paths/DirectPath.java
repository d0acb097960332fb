package io.jfrp.bench.paths;

import java.net.InetSocketAddress;

/** No tunnel: clients connect to the service itself. The reference every ratio is taken against. */
public final class DirectPath implements TunnelPath {
    public static final String NAME = "direct";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) {
        return new PublicEndpoint(service, null);
    }
}
