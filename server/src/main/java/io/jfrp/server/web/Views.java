package io.jfrp.server.web;

import io.jfrp.server.monitor.ClientRecord;
import io.jfrp.server.monitor.ProxySnapshot;
import io.jfrp.server.monitor.ServerSnapshot;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Conversions from the monitor's records to the API's JSON records, shared by v1, v2 and the dashboard. */
final class Views {
    /** frp's {@code "01-02 15:04:05"}: month-day and time, local. */
    private static final DateTimeFormatter V1_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private Views() {
    }

    static V1Model.ClientInfoResp client(ClientRecord c) {
        return new V1Model.ClientInfoResp(c.key(), c.user(), c.clientId(), c.runId(), c.version(), c.wireProtocol(),
                c.hostname(), c.clientIp(), unix(c.firstConnectedAt()), unix(c.lastConnectedAt()),
                unix(c.disconnectedAt()), c.online());
    }

    static V1Model.ProxyStatsInfo proxy(ProxySnapshot p, ZoneId zone) {
        return new V1Model.ProxyStatsInfo(p.name(), p.online() ? p.conf() : null, p.user(), p.clientId(),
                p.todayTrafficIn(), p.todayTrafficOut(), p.curConns(), localTime(p.lastStart(), zone),
                localTime(p.lastClose(), zone), status(p));
    }

    static V1Model.ServerInfoResp serverInfo(ServerInfo info, ServerSnapshot s) {
        return new V1Model.ServerInfoResp(info.version(), V1Model.ListenPorts.of(info), info.subdomainHost(),
                info.maxPoolCount(), info.maxPortsPerClient(), info.heartbeatTimeout(), info.allowPortsStr(),
                info.tlsForce(), s.totalTrafficIn(), s.totalTrafficOut(), s.curConns(), s.clientCounts(),
                s.proxyTypeCounts());
    }

    static String status(ProxySnapshot p) {
        return p.online() ? "online" : "offline";
    }

    /** Unix seconds, 0 for never. */
    static long unix(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }

    /** frp's local "MM-DD hh:mm:ss", "" for never. */
    static String localTime(Instant t, ZoneId zone) {
        return t == null ? "" : V1_TIME.format(t.atZone(zone));
    }
}
