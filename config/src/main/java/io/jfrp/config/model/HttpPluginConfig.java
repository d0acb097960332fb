package io.jfrp.config.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code [[httpPlugins]]} entry of frps (a server plugin called over HTTP, OPERATIONS.md section 5).
 *
 * @param name      its name, for log lines
 * @param addr      {@code host:port}, http assumed, or with an {@code http://} or {@code https://} prefix
 * @param path      the URL path it is posted to
 * @param ops       the operations it is asked about, in frp's names
 * @param tlsVerify verify the certificate of an https plugin (frp's default: false)
 */
public record HttpPluginConfig(String name, String addr, String path, List<String> ops, boolean tlsVerify) {
    /** frp's operations, in frp's spelling. */
    public static final Set<String> OPS = Set.of("Login", "NewProxy", "CloseProxy", "Ping", "NewWorkConn", "NewUserConn");

    public HttpPluginConfig {
        name = Fields.text(name);
        addr = Fields.text(addr);
        path = Fields.text(path);
        ops = Fields.list(ops);
        for (String op : ops) {
            if (!OPS.contains(op)) {
                throw new IllegalArgumentException("httpPlugins '" + name + "': unknown op '" + op + "' (one of " + OPS + ")");
            }
        }
        Objects.requireNonNull(addr, "addr");
    }

    /** Whether the plugin is asked about {@code op}. */
    public boolean handles(String op) {
        return ops.contains(op);
    }
}
