package io.jfrp.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The {@code data} payloads of frps' dashboard API v2, as frp's {@code server/http/model/v2.go}
 * declares them (names, order, {@code omitempty}).
 */
final class V2Model {
    private V2Model() {
    }

    /** A page of a list. */
    @JsonPropertyOrder({"total", "page", "pageSize", "items"})
    record Page<T>(int total, int page, @JsonProperty("pageSize") int pageSize, List<T> items) {
    }

    @JsonPropertyOrder({"version", "config", "status"})
    record SystemInfo(String version, SystemConfig config, SystemStatus status) {
    }

    @JsonPropertyOrder({"ports", "subdomainHost", "maxPoolCount", "maxPortsPerClient", "heartbeatTimeout", "allowPortsStr",
            "tlsForce"})
    record SystemConfig(
            @JsonUnwrapped V1Model.ListenPorts ports,
            String subdomainHost, long maxPoolCount, long maxPortsPerClient, long heartbeatTimeout,
            String allowPortsStr, boolean tlsForce) {
    }

    @JsonPropertyOrder({"totalTrafficIn", "totalTrafficOut", "curConns", "clientCounts", "proxyTypeCount"})
    record SystemStatus(long totalTrafficIn, long totalTrafficOut, long curConns, long clientCounts,
                        @JsonProperty("proxyTypeCount") Map<String, Long> proxyTypeCount) {
    }

    @JsonPropertyOrder({"type", "cleared", "total"})
    record PruneResp(String type, int cleared, int total) {
    }

    @JsonPropertyOrder({"user", "clientCount", "proxyCount"})
    record UserResp(String user, int clientCount, int proxyCount) {
    }

    /** A client with its status: the v1 fields, then {@code status}. */
    record ClientDetail(@JsonUnwrapped V1Model.ClientInfoResp info, ClientStatus status) {
    }

    @JsonPropertyOrder({"phase", "curConns", "proxyCount"})
    record ClientStatus(String phase, long curConns, long proxyCount) {
    }

    /** A proxy; {@code spec} is built per type by {@link V2ProxySpecs}. */
    @JsonPropertyOrder({"name", "user", "clientID", "spec", "status"})
    record ProxyResp(String name, String user, @JsonProperty("clientID") String clientID, ObjectNode spec,
                     ProxyStatus status) {
    }

    @JsonPropertyOrder({"phase", "todayTrafficIn", "todayTrafficOut", "curConns", "lastStartAt", "lastCloseAt"})
    record ProxyStatus(String phase, long todayTrafficIn, long todayTrafficOut, long curConns,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long lastStartAt,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long lastCloseAt) {
    }

    @JsonPropertyOrder({"name", "unit", "granularity", "history"})
    record TrafficResp(String name, String unit, String granularity, List<TrafficPoint> history) {
    }

    @JsonPropertyOrder({"date", "trafficIn", "trafficOut"})
    record TrafficPoint(String date, long trafficIn, long trafficOut) {
    }
}
