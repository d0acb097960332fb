package io.jfrp.server;

import io.jfrp.server.tcpmux.HttpConnectRouter;

/**
 * Where a name-routed tunnel connection (https by SNI, tcpmux by CONNECT) goes: one proxy's bridge
 * to its client, with the credentials a tcpmux proxy asks of its clients (empty for https).
 *
 * @param bridge       the proxy's way to its client's work connections
 * @param httpUser     tcpmux httpUser; empty = no authentication
 * @param httpPassword tcpmux httpPassword
 */
record TunnelTarget(WorkConnBridge bridge, String httpUser, String httpPassword) implements HttpConnectRouter.Target {
}
