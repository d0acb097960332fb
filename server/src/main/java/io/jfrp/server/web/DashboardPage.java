package io.jfrp.server.web;

import io.jfrp.server.monitor.ClientRecord;
import io.jfrp.server.monitor.ClientRegistry;
import io.jfrp.server.monitor.ProxySnapshot;
import io.jfrp.server.monitor.ProxyTraffic;
import io.jfrp.server.monitor.ServerSnapshot;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dashboard at {@code /static/}: one HTML page rendered on the server from the statistics, with
 * the charts as inline SVG ({@link SvgCharts}), a stylesheet and a few lines of script for
 * refreshing (both served beside it). No framework, no build, no request leaves the server, so it
 * works offline and builds anywhere Java builds.
 *
 * <h3>Contents</h3>
 * An overview (clients and proxies online, open connections, today's traffic), today's traffic per
 * proxy as a chart, the proxies by type with their state, each proxy's last 7 days as a chart, and
 * the clients. Tables scroll sideways and chart cards stack on a phone.
 *
 * <h3>Safety</h3>
 * Names, hostnames and versions come from clients, so every one is escaped ({@link Html#esc}); the
 * page is served with a Content-Security-Policy that allows only this server's script.
 */
final class DashboardPage {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Rows of the "today" chart; the rest are in the tables. */
    private static final int TODAY_CHART_ROWS = 12;

    private final DashboardSources sources;
    private final boolean prometheus;

    DashboardPage(DashboardSources sources, boolean prometheus) {
        this.sources = sources;
        this.prometheus = prometheus;
    }

    String render() {
        ServerInfo info = sources.serverInfo().get();
        ServerSnapshot s = sources.stats().server();
        List<ProxySnapshot> proxies = new ArrayList<>(sources.stats().proxies());
        proxies.sort(Comparator.comparing(ProxySnapshot::type).thenComparing(ProxySnapshot::name));
        List<ClientRecord> clientList = new ArrayList<>(sources.clients().list());
        clientList.sort(Comparator.comparing(ClientRecord::user).thenComparing(ClientRecord::clientId));
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>jfrps dashboard</title>")
                .append("<link rel=\"icon\" href=\"/favicon.ico\" type=\"image/svg+xml\">")
                .append("<link rel=\"stylesheet\" href=\"/static/dashboard.css\">")
                .append("<script src=\"/static/dashboard.js\" defer></script></head><body>");
        h.append("<header><h1>jfrps <span class=\"muted\">").append(Html.esc(info.version())).append("</span></h1>")
                .append("<p class=\"muted\">bind port ").append(info.bindPort());
        port(h, "vhost http", info.vhostHTTPPort());
        port(h, "vhost https", info.vhostHTTPSPort());
        port(h, "tcpmux", info.tcpmuxHTTPConnectPort());
        h.append("</p><label class=\"refresh\"><input type=\"checkbox\" id=\"auto-refresh\" checked> Refresh every 10 s</label>")
                .append("</header><main id=\"main\">");
        overview(h, s, proxies);
        today(h, proxies);
        proxyTables(h, proxies);
        week(h, proxies);
        clientTable(h, clientList);
        h.append("</main><footer class=\"muted\">Updated ")
                .append(STAMP.format(ZonedDateTime.now(sources.stats().clock()))).append(" · API: <a href=\"/api/v2/system/info\">v2</a>, ")
                .append("<a href=\"/api/serverinfo\">v1</a>");
        if (prometheus) {
            h.append(" · <a href=\"/metrics\">metrics</a>");
        }
        return h.append("</footer></body></html>\n").toString();
    }

    private static void port(StringBuilder h, String label, int port) {
        if (port != 0) {
            h.append(" · ").append(label).append(' ').append(port);
        }
    }

    private void overview(StringBuilder h, ServerSnapshot s, List<ProxySnapshot> proxies) {
        long online = proxies.stream().filter(ProxySnapshot::online).count();
        h.append("<section aria-labelledby=\"overview-h\"><h2 id=\"overview-h\" class=\"visually-hidden\">Overview</h2>")
                .append("<ul class=\"cards\">");
        card(h, String.valueOf(s.clientCounts()), "clients online");
        card(h, online + " / " + proxies.size(), "proxies online");
        card(h, String.valueOf(s.curConns()), "open connections");
        card(h, Html.bytes(s.totalTrafficIn()), "in today");
        card(h, Html.bytes(s.totalTrafficOut()), "out today");
        h.append("</ul></section>");
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<li><span class=\"num\">").append(Html.esc(value)).append("</span> ").append(label).append("</li>");
    }

    private static void legend(StringBuilder h) {
        h.append("<p class=\"legend\"><span class=\"key in\"></span>in (from users) <span class=\"key out\"></span>")
                .append("out (to users)</p>");
    }

    private void today(StringBuilder h, List<ProxySnapshot> proxies) {
        List<ProxySnapshot> busiest = new ArrayList<>(proxies);
        busiest.sort(Comparator.comparingLong((ProxySnapshot p) -> p.todayTrafficIn() + p.todayTrafficOut()).reversed());
        List<SvgCharts.Bar> rows = new ArrayList<>();
        for (ProxySnapshot p : busiest.subList(0, Math.min(TODAY_CHART_ROWS, busiest.size()))) {
            rows.add(new SvgCharts.Bar(p.name(), p.todayTrafficIn(), p.todayTrafficOut()));
        }
        h.append("<section aria-labelledby=\"today-h\"><h2 id=\"today-h\">Traffic today</h2>");
        if (rows.isEmpty()) {
            h.append("<p>No proxies yet.</p></section>");
            return;
        }
        legend(h);
        h.append("<div class=\"card wide\">")
                .append(SvgCharts.horizontalBars("chart-today", "Traffic today per proxy", rows)).append("</div></section>");
    }

    private void proxyTables(StringBuilder h, List<ProxySnapshot> proxies) {
        h.append("<section aria-labelledby=\"proxies-h\"><h2 id=\"proxies-h\">Proxies</h2>");
        if (proxies.isEmpty()) {
            h.append("<p>No proxies yet.</p>");
        }
        String type = null;
        for (ProxySnapshot p : proxies) {
            if (!p.type().equals(type)) {
                if (type != null) {
                    h.append("</tbody></table></div>");
                }
                type = p.type();
                long count = proxies.stream().filter(q -> q.type().equals(p.type())).count();
                h.append("<h3>").append(Html.esc(type)).append(" <span class=\"muted\">(").append(count).append(")</span></h3>")
                        .append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">State</th>")
                        .append("<th scope=\"col\">Client</th><th scope=\"col\" class=\"n\">Connections</th>")
                        .append("<th scope=\"col\" class=\"n\">In today</th><th scope=\"col\" class=\"n\">Out today</th>")
                        .append("<th scope=\"col\">Last start</th><th scope=\"col\">Last close</th></tr></thead><tbody>");
            }
            h.append("<tr><th scope=\"row\">").append(Html.esc(p.name())).append("</th><td>").append(state(p.online()))
                    .append("</td><td>").append(Html.esc(ClientRegistry.keyOf(p.user(), p.clientId())))
                    .append("</td><td class=\"n\">").append(p.curConns())
                    .append("</td><td class=\"n\">").append(Html.bytes(p.todayTrafficIn()))
                    .append("</td><td class=\"n\">").append(Html.bytes(p.todayTrafficOut()))
                    .append("</td><td>").append(Html.esc(Views.localTime(p.lastStart(), sources.stats().zone())))
                    .append("</td><td>").append(Html.esc(Views.localTime(p.lastClose(), sources.stats().zone()))).append("</td></tr>");
        }
        if (type != null) {
            h.append("</tbody></table></div>");
        }
        h.append("</section>");
    }

    private void week(StringBuilder h, List<ProxySnapshot> proxies) {
        if (proxies.isEmpty()) {
            return;
        }
        h.append("<section aria-labelledby=\"week-h\"><h2 id=\"week-h\">Last 7 days</h2>");
        legend(h);
        h.append("<div class=\"grid\">");
        LocalDate today = LocalDate.now(sources.stats().clock());
        int index = 0;
        for (ProxySnapshot p : proxies) {
            ProxyTraffic t = sources.stats().traffic(p.name()).orElse(null);
            if (t == null) {
                continue; // pruned meanwhile
            }
            List<SvgCharts.Bar> days = new ArrayList<>();
            for (V2Model.TrafficPoint point : DashboardApiV2.history(t, today)) {
                days.add(new SvgCharts.Bar(DAY.format(LocalDate.parse(point.date())), point.trafficIn(), point.trafficOut()));
            }
            h.append("<figure class=\"card\"><figcaption>").append(Html.esc(p.name()))
                    .append(" <span class=\"muted\">").append(Html.esc(p.type())).append("</span></figcaption>")
                    .append(SvgCharts.dailyBars("chart-week-" + index++, "Traffic of " + p.name() + " over the last 7 days", days))
                    .append("</figure>");
        }
        h.append("</div></section>");
    }

    private void clientTable(StringBuilder h, List<ClientRecord> list) {
        h.append("<section aria-labelledby=\"clients-h\"><h2 id=\"clients-h\">Clients</h2>");
        if (list.isEmpty()) {
            h.append("<p>No clients yet.</p></section>");
            return;
        }
        h.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Client</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Hostname</th><th scope=\"col\">Address</th><th scope=\"col\">Version</th>")
                .append("<th scope=\"col\">Wire</th><th scope=\"col\">Since</th></tr></thead><tbody>");
        for (ClientRecord c : list) {
            h.append("<tr><th scope=\"row\">").append(Html.esc(c.key())).append("</th><td>").append(state(c.online()))
                    .append("</td><td>").append(Html.esc(c.hostname()))
                    .append("</td><td>").append(Html.esc(c.clientIp()))
                    .append("</td><td>").append(Html.esc(c.version()))
                    .append("</td><td>").append(Html.esc(c.wireProtocol()))
                    .append("</td><td>").append(Html.esc(Views.localTime(c.online() ? c.lastConnectedAt() : c.disconnectedAt(),
                            sources.stats().zone()))).append("</td></tr>");
        }
        h.append("</tbody></table></div></section>");
    }

    private static String state(boolean online) {
        return online ? "<span class=\"state on\">online</span>" : "<span class=\"state off\">offline</span>";
    }
}
