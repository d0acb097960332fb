package io.jfrp.server.monitor;

import java.util.Map;

/**
 * The server-wide numbers of the dashboard at one moment.
 *
 * @param totalTrafficIn  bytes from users today, all proxies
 * @param totalTrafficOut bytes to users today, all proxies
 * @param curConns        open user connections
 * @param clientCounts    logged-in clients
 * @param proxyTypeCounts registered proxies per type (types seen since start; 0 stays listed, as in frp)
 */
public record ServerSnapshot(long totalTrafficIn, long totalTrafficOut, long curConns, long clientCounts,
                             Map<String, Long> proxyTypeCounts) {
}
