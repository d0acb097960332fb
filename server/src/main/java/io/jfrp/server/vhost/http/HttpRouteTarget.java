package io.jfrp.server.vhost.http;

import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.server.proxy.WorkConnBridge;

/**
 * What an http route leads to: one http proxy, with the settings its requests are served by (basic
 * auth, header rules, group) and its way to the client's service.
 */
public interface HttpRouteTarget {
    /** The proxy's name, for errors and log lines. */
    String name();

    /** Its settings. */
    HttpProxyConfig config();

    /** Its work connections. */
    WorkConnBridge bridge();
}
