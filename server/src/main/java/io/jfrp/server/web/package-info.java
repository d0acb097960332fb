/**
 * frps' web surface (OPERATIONS.md sections 1 to 3): the dashboard API v1
 * ({@link io.jfrp.server.web.DashboardApiV1}) and v2 ({@link io.jfrp.server.web.DashboardApiV2})
 * with frp's paths, JSON field names, ordering, filters, paging and status codes; {@code /metrics};
 * and a server-rendered dashboard ({@link io.jfrp.server.web.DashboardPage}, SVG charts from
 * {@link io.jfrp.server.web.SvgCharts}). {@link io.jfrp.server.web.DashboardServer} puts them on
 * an {@link io.jfrp.web.WebServer}; {@link io.jfrp.server.web.ServerInfo} is what the server
 * fills from its configuration.
 */
package io.jfrp.server.web;
