package io.jfrp.server.web;

import io.jfrp.server.monitor.ProxySnapshot;
import io.jfrp.server.monitor.ProxyTraffic;
import io.jfrp.server.monitor.ServerStatistics;
import io.jfrp.web.ApiError;
import io.jfrp.web.JsonApi;
import io.jfrp.web.Router;
import io.jfrp.web.WebRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * frps' dashboard API v1 (OPERATIONS.md section 2; frp's {@code server/http/controller.go}), with
 * frp's plain JSON conventions:
 * <ul>
 *   <li>{@code GET /api/serverinfo}</li>
 *   <li>{@code GET /api/proxy/{type}}: {@code {"proxies":[...]}} sorted by name</li>
 *   <li>{@code GET /api/proxy/{type}/{name}}, {@code GET /api/proxies/{name}}: one proxy or 404
 *       "no proxy info found"</li>
 *   <li>{@code GET /api/traffic/{name}}: 7 days, today first, or 404</li>
 *   <li>{@code GET /api/clients} (filters user, clientId, runId, status) sorted by user, clientID,
 *       key; {@code GET /api/clients/{key}} or 404 "client {key} not found"</li>
 *   <li>{@code DELETE /api/proxies?status=offline}: prune, {@code {"Code":200,"Msg":"success"}};
 *       any other status 400 "status only support offline"</li>
 * </ul>
 */
final class DashboardApiV1 {
    private static final Logger log = LoggerFactory.getLogger(DashboardApiV1.class);

    private final DashboardSources sources;

    DashboardApiV1(DashboardSources sources) {
        this.sources = sources;
    }

    void register(Router router) {
        router.get("/api/serverinfo",
                        JsonApi.plain(r -> Views.serverInfo(sources.serverInfo().get(), sources.stats().server())))
                .get("/api/proxy/{type}", JsonApi.plain(this::proxiesByType))
                .get("/api/proxy/{type}/{name}", JsonApi.plain(this::proxyByTypeAndName))
                .get("/api/proxies/{name}", JsonApi.plain(this::proxyByName))
                .get("/api/traffic/{name}", JsonApi.plain(this::traffic))
                .get("/api/clients", JsonApi.plain(this::clientList))
                .get("/api/clients/{key}", JsonApi.plain(this::clientDetail))
                .delete("/api/proxies", JsonApi.plain(this::deleteProxies));
    }

    private Object proxiesByType(WebRequest r) throws ApiError {
        List<V1Model.ProxyStatsInfo> out = new ArrayList<>();
        for (ProxySnapshot p : sources.stats().proxiesByType(param(r, "type"))) {
            out.add(Views.proxy(p, sources.stats().zone()));
        }
        out.sort(Comparator.comparing(V1Model.ProxyStatsInfo::name));
        return new V1Model.GetProxyInfoResp(out);
    }

    private Object proxyByTypeAndName(WebRequest r) throws ApiError {
        return sources.stats().proxy(param(r, "type"), param(r, "name"))
                .map(p -> Views.proxy(p, sources.stats().zone()))
                .orElseThrow(() -> ApiError.notFound("no proxy info found"));
    }

    private Object proxyByName(WebRequest r) throws ApiError {
        return sources.stats().proxy(param(r, "name"))
                .map(p -> Views.proxy(p, sources.stats().zone()))
                .orElseThrow(() -> ApiError.notFound("no proxy info found"));
    }

    private Object traffic(WebRequest r) throws ApiError {
        String name = param(r, "name");
        ProxyTraffic t = sources.stats().traffic(name).orElseThrow(() -> ApiError.notFound("no proxy info found"));
        return new V1Model.GetProxyTrafficResp(name, t.trafficIn(), t.trafficOut());
    }

    private Object clientList(WebRequest r) {
        String user = r.query("user");
        return new ClientFilter(user.isEmpty() ? null : user, r.query("clientId"), r.query("runId"),
                r.query("status").toLowerCase(Locale.ROOT), false).list(sources.clients(), info -> true);
    }

    private Object clientDetail(WebRequest r) throws ApiError {
        String key = param(r, "key");
        return sources.clients().byKey(key).map(Views::client)
                .orElseThrow(() -> ApiError.notFound("client " + key + " not found"));
    }

    private Object deleteProxies(WebRequest r) throws ApiError {
        if (!r.query("status").equals("offline")) {
            throw ApiError.badRequest("status only support offline");
        }
        ServerStatistics.PruneResult result = sources.stats().pruneOffline();
        log.info("cleared [{}] offline proxies, total [{}] proxies", result.cleared(), result.total());
        return new JsonApi.GeneralResponse(200, "success");
    }

    /**
     * Whether a client's or proxy's online state passes a status filter ("" and "all" pass all);
     * an unknown value passes everything in v1 and is refused earlier in v2.
     */
    static boolean statusMatches(boolean online, String status, boolean strict) {
        return switch (status) {
            case "", "all" -> true;
            case "online" -> online;
            case "offline" -> !online;
            default -> !strict;
        };
    }

    /** A decoded path parameter; a malformed escape is a 400, as Go's URL parser makes it. */
    static String param(WebRequest r, String name) throws ApiError {
        try {
            return r.pathParam(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
