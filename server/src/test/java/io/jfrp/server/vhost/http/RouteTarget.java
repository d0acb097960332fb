package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.server.proxy.EmbeddedWorkConns;
import io.jfrp.server.proxy.FixedWorkConnSource;
import io.jfrp.server.proxy.WorkConnBridge;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

import java.util.function.Supplier;

/** An http proxy as the vhost tests route to it: its config and a bridge without wrapping. */
record RouteTarget(String name, HttpProxyConfig config, WorkConnBridge bridge) implements HttpRouteTarget {
    /**
     * Routes {@code domain} on {@code vhost} (every path) to the proxy of {@code config}, whose work
     * connections are what {@code take} gives, on the loop of {@code conns}' control.
     */
    static void route(HttpVhost vhost, String domain, HttpProxyConfig config, EmbeddedWorkConns conns,
                      Supplier<Future<Channel>> take) {
        FixedWorkConnSource source = new FixedWorkConnSource(conns.control().eventLoop(), take);
        vhost.router().add(domain, "", config.routeByHTTPUser(), new RouteTarget(config.name(), config,
                new WorkConnBridge(source, config.name(), StreamWrapping.NONE, CryptoKey.fromSecret("t"))));
    }
}
