package io.jfrp.server.security;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewWorkConn;

import java.util.List;
import java.util.Map;

/**
 * The sizes jfrps accepts in what a client sends, field by field. frp bounds only the whole message
 * (10,240 bytes of JSON, which {@link io.jfrp.protocol.codec.MessageCodec} enforces first); within
 * it these keep names, domains and tables to what a real configuration uses, and keep control
 * characters out of names that go into logs and routing tables. A refusal names the field, its
 * length and the limit.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageBounds {
    /** Proxy names, with the {@code user.} prefix frpc adds. */
    public static final int MAX_NAME = 256;
    /** A DNS name (RFC 1035: 253 characters in text form). */
    public static final int MAX_DOMAIN = 253;
    /** A DNS label: a subdomain. */
    public static final int MAX_LABEL = 63;
    /** Entries of a list or table field (custom_domains, locations, metas, headers, ...). */
    public static final int MAX_ENTRIES = 64;
    /** allow_users entries ("*" or user names). */
    public static final int MAX_ALLOW_USERS = 256;
    /** Short identifiers: version, os, arch, run ids, keys, types, modes, user names. */
    public static final int MAX_SHORT = 64;
    /**
     * privilege_key: frp's token key is 32 hex characters, but with auth.method = oidc it is the
     * provider's access token (a JWT, often 1 KiB or more); the message's 10,240-byte frame bounds it anyway.
     */
    public static final int MAX_CREDENTIAL = 8192;
    /** Keys of tables, HTTP user names and passwords, secrets, group names. */
    public static final int MAX_TEXT = 256;
    /** Values of tables (metas, annotations), paths of locations. */
    public static final int MAX_VALUE = 1024;
    /** Values of HTTP headers set by a proxy. */
    public static final int MAX_HEADER_VALUE = 4096;

    private MessageBounds() {
    }

    /** Null when {@code m} is within bounds, else what is wrong, naming the field. */
    public static String check(Login m) {
        return first(
                text("version", m.version(), MAX_SHORT),
                text("hostname", m.hostname(), MAX_DOMAIN),
                text("os", m.os(), MAX_SHORT),
                text("arch", m.arch(), MAX_SHORT),
                text("user", m.user(), MAX_SHORT),
                text("privilege_key", m.privilegeKey(), MAX_CREDENTIAL),
                text("run_id", m.runId(), MAX_SHORT),
                text("client_id", m.clientId(), MAX_TEXT),
                table("metas", m.metas(), MAX_VALUE),
                m.poolCount() < 0 ? "pool_count " + m.poolCount() + " is negative" : null);
    }

    /** Null when {@code m} is within bounds, else what is wrong, naming the field. */
    public static String check(NewWorkConn m) {
        return first(text("run_id", m.runId(), MAX_SHORT), text("privilege_key", m.privilegeKey(), MAX_CREDENTIAL));
    }

    /** Null when {@code m} is within bounds, else what is wrong, naming the field. */
    public static String check(NewProxy m) {
        return first(
                m.proxyName().isEmpty() ? "proxy_name is empty" : text("proxy_name", m.proxyName(), MAX_NAME),
                text("proxy_type", m.proxyType(), MAX_SHORT),
                text("bandwidth_limit", m.bandwidthLimit(), MAX_SHORT),
                text("bandwidth_limit_mode", m.bandwidthLimitMode(), MAX_SHORT),
                text("group", m.group(), MAX_TEXT),
                text("group_key", m.groupKey(), MAX_TEXT),
                table("metas", m.metas(), MAX_VALUE),
                table("annotations", m.annotations(), MAX_VALUE),
                list("custom_domains", m.customDomains(), MAX_ENTRIES, MAX_DOMAIN),
                text("subdomain", m.subdomain(), MAX_LABEL),
                list("locations", m.locations(), MAX_ENTRIES, MAX_VALUE),
                text("http_user", m.httpUser(), MAX_TEXT),
                text("http_pwd", m.httpPwd(), MAX_TEXT),
                text("host_header_rewrite", m.hostHeaderRewrite(), MAX_DOMAIN),
                table("headers", m.headers(), MAX_HEADER_VALUE),
                table("response_headers", m.responseHeaders(), MAX_HEADER_VALUE),
                text("route_by_http_user", m.routeByHttpUser(), MAX_TEXT),
                text("sk", m.sk(), MAX_TEXT),
                list("allow_users", m.allowUsers(), MAX_ALLOW_USERS, MAX_SHORT),
                text("multiplexer", m.multiplexer(), MAX_SHORT));
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return field + " is " + value.length() + " characters long, more than the " + max + " allowed";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return field + " contains a control character (0x" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }

    private static String list(String field, List<String> values, int maxEntries, int maxEach) {
        if (values.size() > maxEntries) {
            return field + " has " + values.size() + " entries, more than the " + maxEntries + " allowed";
        }
        for (int i = 0; i < values.size(); i++) {
            String p = text(field + "[" + i + "]", values.get(i), maxEach);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String table(String field, Map<String, String> values, int maxValue) {
        if (values.size() > MAX_ENTRIES) {
            return field + " has " + values.size() + " entries, more than the " + MAX_ENTRIES + " allowed";
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String p = text(field + " key", e.getKey(), MAX_TEXT);
            if (p == null) {
                p = text(field + "[" + e.getKey() + "]", e.getValue(), maxValue);
            }
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
