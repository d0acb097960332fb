package io.jfrp.server;

import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.server.vhost.HttpProxy;

import java.util.Set;

/**
 * Makes the {@link Proxy} for a NewProxy by its {@code proxy_type}: the one place that knows which
 * types jfrps serves.
 */
final class ProxyFactory {
    /** The {@code proxy_type}s {@link #create} knows. */
    private static final Set<String> TYPES = Set.of("tcp", "http", "https", "tcpmux");

    private ProxyFactory() {
    }

    static boolean supports(String proxyType) {
        return TYPES.contains(proxyType);
    }

    /** The proxy for {@code req} (its type {@link #supports supported}), not started yet. */
    static Proxy create(ServerControl control, NewProxy req) {
        return switch (req.proxyType()) {
            // with loadBalancer.group, a tcp proxy joins its group's shared listener
            case "tcp" -> req.group().isEmpty() ? new TcpProxy(control, req) : new TcpGroupProxy(control, req);
            case "http" -> new HttpProxy(control.server().httpVhost, control.bridge(req));
            case "https" -> NameRoutedProxy.https(control, req);
            case "tcpmux" -> NameRoutedProxy.tcpmux(control, req);
            default -> throw new IllegalArgumentException("proxy type [" + req.proxyType() + "] is not supported");
        };
    }
}
