package io.jfrp.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of frps' dashboard API v1 and what v2 shares with it (the client info, the listen
 * ports), field for field as frp's {@code server/http/model/types.go} declares them: same names, same
 * order, and the same {@code omitempty} fields (here {@code @JsonInclude(NON_EMPTY)} / {@code NON_DEFAULT}).
 */
final class V1Model {
    private V1Model() {
    }

    /** {@code GET /api/serverinfo}. */
    @JsonPropertyOrder({"version", "ports", "subdomainHost", "maxPoolCount", "maxPortsPerClient", "heartbeatTimeout",
            "allowPortsStr", "tlsForce", "totalTrafficIn", "totalTrafficOut", "curConns", "clientCounts", "proxyTypeCount"})
    record ServerInfoResp(
            String version,
            @JsonUnwrapped ListenPorts ports,
            String subdomainHost,
            long maxPoolCount,
            long maxPortsPerClient,
            long heartbeatTimeout,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String allowPortsStr,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tlsForce,
            long totalTrafficIn,
            long totalTrafficOut,
            long curConns,
            long clientCounts,
            @JsonProperty("proxyTypeCount") Map<String, Long> proxyTypeCount) {
    }

    /** The ports frps listens on, in v1's server info and v2's system config (unwrapped: its fields stand in the object). */
    @JsonPropertyOrder({"bindPort", "vhostHTTPPort", "vhostHTTPSPort", "tcpmuxHTTPConnectPort", "kcpBindPort", "quicBindPort"})
    record ListenPorts(
            @JsonProperty("bindPort") int bindPort,
            @JsonProperty("vhostHTTPPort") int vhostHTTPPort,
            @JsonProperty("vhostHTTPSPort") int vhostHTTPSPort,
            @JsonProperty("tcpmuxHTTPConnectPort") int tcpmuxHTTPConnectPort,
            @JsonProperty("kcpBindPort") int kcpBindPort,
            @JsonProperty("quicBindPort") int quicBindPort) {
        static ListenPorts of(ServerInfo i) {
            return new ListenPorts(i.bindPort(), i.vhostHTTPPort(), i.vhostHTTPSPort(), i.tcpmuxHTTPConnectPort(),
                    i.kcpBindPort(), i.quicBindPort());
        }
    }

    /** A client, in {@code /api/clients} and (embedded) in v2. */
    @JsonPropertyOrder({"key", "user", "clientID", "runID", "version", "wireProtocol", "hostname", "clientIP",
            "firstConnectedAt", "lastConnectedAt", "disconnectedAt", "online"})
    record ClientInfoResp(
            String key,
            String user,
            @JsonProperty("clientID") String clientID,
            @JsonProperty("runID") String runID,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String version,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String wireProtocol,
            String hostname,
            @JsonProperty("clientIP") @JsonInclude(JsonInclude.Include.NON_EMPTY) String clientIP,
            long firstConnectedAt,
            long lastConnectedAt,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) long disconnectedAt,
            boolean online) {
    }

    /** A proxy in {@code /api/proxy/{type}}, {@code /api/proxy/{type}/{name}} and {@code /api/proxies/{name}}. */
    @JsonPropertyOrder({"name", "conf", "user", "clientID", "todayTrafficIn", "todayTrafficOut", "curConns",
            "lastStartTime", "lastCloseTime", "status"})
    record ProxyStatsInfo(
            String name,
            Object conf,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String user,
            @JsonProperty("clientID") @JsonInclude(JsonInclude.Include.NON_EMPTY) String clientID,
            long todayTrafficIn,
            long todayTrafficOut,
            long curConns,
            String lastStartTime,
            String lastCloseTime,
            String status) {
    }

    /** {@code GET /api/proxy/{type}}. */
    record GetProxyInfoResp(List<ProxyStatsInfo> proxies) {
    }

    /** {@code GET /api/traffic/{name}}: 7 days, today first. */
    @JsonPropertyOrder({"name", "trafficIn", "trafficOut"})
    record GetProxyTrafficResp(String name, long[] trafficIn, long[] trafficOut) {
    }
}
