package io.jfrp.server.web;

import io.jfrp.server.monitor.ClientRegistry;
import io.jfrp.server.monitor.ServerStatistics;

import java.util.function.Supplier;

/**
 * What every view of the dashboard reads (API v1, API v2, the HTML page), passed to each as one value.
 *
 * @param serverInfo the configuration half of serverinfo; called per request, so it may change on reload
 * @param stats      the server's and its proxies' statistics
 * @param clients    the clients that logged in, online or not
 */
record DashboardSources(Supplier<ServerInfo> serverInfo, ServerStatistics stats, ClientRegistry clients) {
}
