package io.jfrp.server.vhost;

import io.jfrp.server.proxy.WorkConnBridge;
import io.jfrp.server.vhost.tcpmux.HttpConnectRouter;

/**
 * Where a name-routed tunnel connection (https by SNI, tcpmux by CONNECT) goes: one proxy's bridge
 * to its client, with the credentials a tcpmux proxy asks of its clients (empty for https).
 *
 * @param bridge       the proxy's way to its client's work connections
 * @param httpUser     tcpmux httpUser; empty = no authentication
 * @param httpPassword tcpmux httpPassword
 */
public record TunnelTarget(WorkConnBridge bridge, String httpUser, String httpPassword)
        implements HttpConnectRouter.Target {
}
