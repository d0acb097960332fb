package io.jfrp.bench.paths;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frps/frpc configuration of an frp-protocol path in frp v1 TOML, written by Jackson's TOML mapper
 * from dotted keys. jfrp's own keys (under {@code jfrp.}) are added by the caller for jfrp's programs
 * only: stock frp rejects keys it does not know. Checked against stock frp 0.70's {@code verify}.
 */
public final class FrpToml {
    private static final TomlMapper TOML = new TomlMapper();

    private FrpToml() {
    }

    /** Where the server listens (vhostHttpPort only for the vhost mode). */
    public record Server(String bindAddr, int bindPort, String token, int vhostHttpPort) {
    }

    /** Where the client connects, and the one proxy {@code bench} it publishes. */
    public record Client(String serverAddr, int serverPort, String token, String localIp, int localPort,
                         int remotePort) {
    }

    /** frps's keys for {@code mode}, dotted, in file order. */
    public static Map<String, Object> server(TransportMode mode, Server s) {
        Map<String, Object> k = keys("bindAddr", s.bindAddr(), "bindPort", s.bindPort(), "auth.token", s.token(),
                "log.level", "warn", "transport.tcpMux", mode.tcpMux(),
                "transport.maxPoolCount", Math.max(5, mode.poolCount()));
        if (mode.vhostHttp()) {
            k.put("vhostHTTPPort", s.vhostHttpPort());
        }
        if (mode.udp()) {
            // The UDP port of the same number as bindPort, as frp's own end-to-end tests do.
            k.put(mode.protocol() + "BindPort", s.bindPort());
        }
        return k;
    }

    /** frpc's keys for {@code mode}: one proxy {@code bench}, tcp from remotePort or http for the bench domain. */
    public static Map<String, Object> client(TransportMode mode, Client c) {
        Map<String, Object> k = client(mode, c.serverAddr(), c.serverPort(), c.token());
        Map<String, Object> proxy = proxy("bench", mode.vhostHttp() ? "http" : "tcp", c.localIp(), c.localPort());
        if (mode.vhostHttp()) {
            proxy.put("customDomains", List.of(TransportMode.VHOST_DOMAIN));
        } else {
            proxy.put("remotePort", c.remotePort());
        }
        k.put("proxies", List.of(proxy));
        return k;
    }

    /** frpc's keys for {@code mode} without proxies or visitors: the server, the token, the transport. */
    public static Map<String, Object> client(TransportMode mode, String serverAddr, int serverPort, String token) {
        // log.level info for "[bench] start proxy success": nothing per connection is logged at info
        Map<String, Object> k = keys("serverAddr", serverAddr, "serverPort", serverPort, "auth.token", token,
                "loginFailExit", true, "log.level", "info", "transport.tcpMux", mode.tcpMux(),
                "transport.tls.enable", mode.tls(), "transport.poolCount", mode.poolCount());
        if (!mode.protocol().equals("tcp")) {
            k.put("transport.protocol", mode.protocol());
        }
        if (!mode.wireProtocol().equals("v1")) {
            k.put("transport.wireProtocol", mode.wireProtocol()); // frp 0.69 and later only
        }
        return k;
    }

    /** A proxy's table: its name and type and the local service; the caller adds the type's keys. */
    public static Map<String, Object> proxy(String name, String type, String localIp, int localPort) {
        return keys("name", name, "type", type, "localIP", localIp, "localPort", localPort);
    }

    /** A mutable table of {@code keysAndValues} (key, value, key, value, ...) in that order. */
    public static Map<String, Object> keys(Object... keysAndValues) {
        Map<String, Object> k = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            k.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return k;
    }

    /** jfrp's own keys for {@code mode}: where jfrps keeps its self-signed certificate, the yamux window. */
    public static Map<String, Object> jfrpKeys(TransportMode mode, String selfSignedDir) {
        Map<String, Object> k = new LinkedHashMap<>();
        if (selfSignedDir != null) {
            k.put("jfrp.selfSignedDir", selfSignedDir);
        }
        if (!mode.autoTuning()) {
            // mux reference.conf: off keeps every stream's receive window at yamux's 256 KiB
            k.put("jfrp.mux.window-auto-tuning", "off");
        }
        return k;
    }

    /** Writes {@link #render}'s file to {@code file}; returns it. */
    public static Path write(Path file, String comment, Map<String, Object> dottedKeys) throws IOException {
        return Files.writeString(file, render(comment, dottedKeys), StandardCharsets.UTF_8);
    }

    /** The file: a comment line, then the keys (dotted keys become TOML's dotted keys). */
    public static String render(String comment, Map<String, Object> dottedKeys) {
        ObjectNode tree = TOML.createObjectNode();
        dottedKeys.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            ObjectNode table = dot < 0 ? tree : tree.withObject("/" + key.substring(0, dot).replace('.', '/'));
            table.set(key.substring(dot + 1), TOML.valueToTree(value));
        });
        try {
            return "# " + comment + "\n" + TOML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write TOML for " + dottedKeys, e);
        }
    }
}
