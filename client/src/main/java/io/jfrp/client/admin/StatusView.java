package io.jfrp.client.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jfrp.client.manage.ProxyStatus;
import io.jfrp.client.servers.ServerLinkStatus;
import io.jfrp.client.servers.ServerStatusView;
import io.jfrp.config.model.proxy.ProxyBase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /api/status}: per proxy type (keys sorted, as Go writes a map), the
 * type's proxies sorted by name, each as frp's {@code ProxyStatusResp}. {@code remote_addr} is the
 * server's answer, with serverAddr prepended for tcp and udp, and empty while there is an error.
 */
final class StatusView {
    private StatusView() {
    }

    /** frp's {@code ProxyStatusResp}, fields in its order. */
    record Entry(String name, String type, String status, String err,
                 @JsonProperty("local_addr") String localAddr, String plugin,
                 @JsonProperty("remote_addr") String remoteAddr,
                 @JsonInclude(JsonInclude.Include.NON_EMPTY) String source) {
    }

    static Map<String, List<Entry>> of(List<ProxyStatus> statuses, String serverAddr) {
        Map<String, List<Entry>> byType = new TreeMap<>();
        for (ProxyStatus s : statuses) {
            String type = s.config().type().frpName();
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(entry(s, serverAddr));
        }
        byType.values().forEach(l -> l.sort(Comparator.comparing(Entry::name)));
        return byType;
    }

    private static Entry entry(ProxyStatus s, String serverAddr) {
        ProxyBase b = s.config().base();
        String type = b.type().frpName();
        String local = b.localPort() == 0 ? "" : hostPort(b.localIP(), b.localPort());
        String remote = "";
        if (s.error().isEmpty()) {
            remote = type.equals("tcp") || type.equals("udp") ? serverAddr + s.remoteAddr() : s.remoteAddr();
        }
        return new Entry(s.config().name(), type, s.phase().text(), s.error(), local, b.plugin().type(), remote,
                s.fromStore() ? "store" : "");
    }

    /**
     * The body with jfrp's one addition after frp's proxy types: {@code servers}, each server
     * connection ({@link ServerStatusView}). Stock tools that read the proxies still parse it: frpc
     * reads a map of lists of proxy entries and prints only the types it knows.
     */
    static Map<String, Object> withServers(Map<String, List<Entry>> byType, List<ServerLinkStatus> servers) {
        Map<String, Object> body = new LinkedHashMap<>(byType);
        body.put(ServerStatusView.FIELD, ServerStatusView.json(servers));
        return body;
    }

    /** Go's net.JoinHostPort: an IPv6 address in brackets. */
    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
