package io.jfrp.server.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.server.monitor.ClientRecord;
import io.jfrp.server.monitor.ProxySnapshot;
import io.jfrp.server.monitor.ProxyTraffic;
import io.jfrp.server.monitor.ServerSnapshot;
import io.jfrp.server.monitor.ServerStatistics;
import io.jfrp.web.ApiError;
import io.jfrp.web.JsonApi;
import io.jfrp.web.Router;
import io.jfrp.web.WebRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * frps' dashboard API v2 (OPERATIONS.md section 2; frp's {@code server/http/controller_v2.go}),
 * every answer in the {@code {"code","msg","data"}} envelope: system info and prune, users,
 * clients and proxies as pages with filters, a client's and a proxy's detail (path parameters
 * URL-unescaped), and a proxy's 7-day traffic history, oldest first.
 */
final class DashboardApiV2 {
    /** frp's proxy types in its listing order ({@code apiV2ProxyTypes}). */
    static final List<String> PROXY_TYPES = List.of("tcp", "udp", "http", "https", "tcpmux", "stcp", "xtcp", "sudp");
    static final String PRUNE_OFFLINE_PROXIES = "offline_proxies";

    private final DashboardSources sources;

    DashboardApiV2(DashboardSources sources) {
        this.sources = sources;
    }

    void register(Router router) {
        router.get("/api/v2/users", JsonApi.v2(this::users))
                .get("/api/v2/system/info", JsonApi.v2(r -> systemInfo()))
                .post("/api/v2/system/prune", JsonApi.v2(this::prune))
                .get("/api/v2/clients", JsonApi.v2(this::clientList))
                .get("/api/v2/clients/{key}", JsonApi.v2(this::clientDetail))
                .get("/api/v2/proxies", JsonApi.v2(this::proxyList))
                .get("/api/v2/proxies/{name}/traffic", JsonApi.v2(this::proxyTraffic))
                .get("/api/v2/proxies/{name}", JsonApi.v2(this::proxyDetail));
    }

    private Object systemInfo() {
        ServerInfo i = sources.serverInfo().get();
        ServerSnapshot s = sources.stats().server();
        return new V2Model.SystemInfo(i.version(),
                new V2Model.SystemConfig(V1Model.ListenPorts.of(i), i.subdomainHost(), i.maxPoolCount(),
                        i.maxPortsPerClient(), i.heartbeatTimeout(), i.allowPortsStr(), i.tlsForce()),
                new V2Model.SystemStatus(s.totalTrafficIn(), s.totalTrafficOut(), s.curConns(), s.clientCounts(),
                        s.proxyTypeCounts()));
    }

    private Object prune(WebRequest r) throws ApiError {
        String type = V2Queries.pruneType(r);
        ServerStatistics.PruneResult result = sources.stats().pruneOffline();
        return new V2Model.PruneResp(type, result.cleared(), result.total());
    }

    private Object users(WebRequest r) throws ApiError {
        V2Queries.Paging paging = V2Queries.paging(r);
        Map<String, int[]> counts = new TreeMap<>(); // user -> {clients, proxies}
        for (ClientRecord c : sources.clients().list()) {
            counts.computeIfAbsent(c.user(), u -> new int[2])[0]++;
        }
        for (ProxySnapshot p : listedProxies("")) {
            counts.computeIfAbsent(p.user(), u -> new int[2])[1]++;
        }
        String q = r.query("q").toLowerCase(Locale.ROOT);
        List<V2Model.UserResp> items = new ArrayList<>();
        counts.forEach((user, n) -> {
            if (q.isEmpty() || user.toLowerCase(Locale.ROOT).contains(q)) {
                items.add(new V2Model.UserResp(user, n[0], n[1]));
            }
        });
        return paging.apply(items);
    }

    private Object clientList(WebRequest r) throws ApiError {
        V2Queries.Paging paging = V2Queries.paging(r);
        ClientFilter filter = new ClientFilter(r.hasQuery("user") ? r.query("user") : null, r.query("clientID"),
                r.query("runID"), V2Queries.status(r), true);
        String q = r.query("q").toLowerCase(Locale.ROOT);
        return paging.apply(filter.list(sources.clients(), info -> q.isEmpty() || V2Queries.matches(q, List.of(info.key(),
                info.user(), info.clientID(), info.runID(), info.version(), info.wireProtocol(), info.hostname(),
                info.clientIP()))));
    }

    private Object clientDetail(WebRequest r) throws ApiError {
        String key = decoded(r, "key", "client key");
        ClientRecord c = sources.clients().byKey(key).orElseThrow(() -> ApiError.notFound("client " + key + " not found"));
        long conns = 0;
        long proxies = 0;
        for (ProxySnapshot p : listedProxies("")) {
            if (p.user().equals(c.user()) && p.clientId().equals(c.clientId())) {
                conns += p.curConns();
                proxies++;
            }
        }
        return new V2Model.ClientDetail(Views.client(c),
                new V2Model.ClientStatus(c.online() ? "online" : "offline", conns, proxies));
    }

    private Object proxyList(WebRequest r) throws ApiError {
        V2Queries.Paging paging = V2Queries.paging(r);
        String status = V2Queries.status(r);
        String type = V2Queries.proxyType(r);
        boolean byUser = r.hasQuery("user");
        String user = r.query("user");
        String clientId = r.query("clientID");
        String q = r.query("q").toLowerCase(Locale.ROOT);
        List<V2Model.ProxyResp> items = new ArrayList<>();
        for (ProxySnapshot p : listedProxies(type)) {
            V2Model.ProxyResp resp = proxy(p);
            if (byUser && !resp.user().equals(user)
                    || !clientId.isEmpty() && !resp.clientID().equals(clientId)
                    || !DashboardApiV1.statusMatches(p.online(), status, true)) {
                continue;
            }
            if (!q.isEmpty()) {
                List<String> values = new ArrayList<>(List.of(resp.name(), p.type(), resp.user(), resp.clientID(),
                        resp.status().phase()));
                values.addAll(V2ProxySpecs.searchable(resp.spec()));
                if (!V2Queries.matches(q, values)) {
                    continue;
                }
            }
            items.add(resp);
        }
        items.sort(Comparator.comparing((V2Model.ProxyResp p) -> p.spec().path("type").asText())
                .thenComparing(V2Model.ProxyResp::name));
        return paging.apply(items);
    }

    private Object proxyDetail(WebRequest r) throws ApiError {
        String name = decoded(r, "name", "proxy name");
        return sources.stats().proxy(name).map(this::proxy).orElseThrow(() -> ApiError.notFound("no proxy info found"));
    }

    private Object proxyTraffic(WebRequest r) throws ApiError {
        String name = decoded(r, "name", "proxy name");
        ProxyTraffic t = sources.stats().traffic(name).orElseThrow(() -> ApiError.notFound("no proxy info found"));
        return new V2Model.TrafficResp(name, "bytes", "day", history(t, LocalDate.now(sources.stats().clock())));
    }

    /** The 7 days oldest first with their dates, from today-first buckets. */
    static List<V2Model.TrafficPoint> history(ProxyTraffic t, LocalDate today) {
        List<V2Model.TrafficPoint> points = new ArrayList<>();
        for (int age = t.trafficIn().length - 1; age >= 0; age--) {
            points.add(new V2Model.TrafficPoint(today.minusDays(age).toString(), t.trafficIn()[age], t.trafficOut()[age]));
        }
        return points;
    }

    private V2Model.ProxyResp proxy(ProxySnapshot p) {
        ObjectNode spec = V2ProxySpecs.spec(p.type(), p.online() ? p.conf() : null);
        return new V2Model.ProxyResp(p.name(), p.user(), p.clientId(), spec,
                new V2Model.ProxyStatus(Views.status(p), p.todayTrafficIn(), p.todayTrafficOut(), p.curConns(),
                        Views.unix(p.lastStart()), Views.unix(p.lastClose())));
    }

    /** Proxies of {@code type}, or of every listed type when empty, in frp's type order. */
    private List<ProxySnapshot> listedProxies(String type) {
        if (!type.isEmpty()) {
            return sources.stats().proxiesByType(type);
        }
        List<ProxySnapshot> all = new ArrayList<>();
        for (String t : PROXY_TYPES) {
            all.addAll(sources.stats().proxiesByType(t));
        }
        return all;
    }

    private static String decoded(WebRequest r, String param, String label) throws ApiError {
        try {
            return r.pathParam(param);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid " + label);
        }
    }
}
