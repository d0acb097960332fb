package io.jfrp.server.monitor;

/**
 * A proxy's traffic per day for the last 7 days, today first (index 0), as frp's API v1 returns it.
 *
 * @param name       wire name
 * @param trafficIn  bytes from users per day
 * @param trafficOut bytes to users per day
 */
public record ProxyTraffic(String name, long[] trafficIn, long[] trafficOut) {
}
