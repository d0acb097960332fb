package io.jfrp.config.bind;

import io.jfrp.config.schema.Values;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.jfrp.config.model.AuthConfig;
import io.jfrp.config.model.LogSettings;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.config.model.OidcConfig;
import io.jfrp.config.model.ValueSource;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.protocol.auth.AuthScope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads of a validated configuration shared by the readers of both programs and of proxies: a key
 * may be absent (not set, no default), text is empty then, paths null, lists and tables empty.
 */
final class SettingReads {
    private SettingReads() {
    }

    static Path path(Config c, String key) {
        String s = string(c, key);
        return s.isEmpty() ? null : Path.of(s);
    }

    static String string(Config c, String key) {
        return c.hasPath(key) ? c.getString(key) : "";
    }

    static int integer(Config c, String key, int fallback) {
        return c.hasPath(key) ? c.getInt(key) : fallback;
    }

    static boolean bool(Config c, String key, boolean fallback) {
        return c.hasPath(key) ? c.getBoolean(key) : fallback;
    }

    static List<String> strings(Config c, String key) {
        return c.hasPath(key) ? c.getStringList(key) : List.of();
    }

    /** A table of strings in file order (header names keep their spelling). */
    static Map<String, String> stringMap(Config c, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (c.hasPath(key)) {
            for (Map.Entry<String, ConfigValue> e : c.getObject(key).entrySet()) {
                out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
            }
        }
        return out;
    }

    static Config subtree(Config c, String key) {
        return c.hasPath(key) ? c.getConfig(key) : ConfigFactory.empty();
    }

    /** auth.token and auth.additionalScopes. */
    static AuthConfig auth(Config c) {
        Set<AuthScope> scopes = EnumSet.noneOf(AuthScope.class);
        for (String s : strings(c, "auth.additionalScopes")) {
            scopes.add(AuthScope.fromConfigName(s));
        }
        return new AuthConfig(string(c, "auth.token"), scopes, valueSource(c, "auth.tokenSource"), oidc(c));
    }

    /** auth.oidc when auth.method is oidc, else null. */
    static OidcConfig oidc(Config c) {
        if (!c.hasPath("auth.method") || !c.getString("auth.method").equals("oidc")) {
            return null;
        }
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        if (c.hasPath("auth.oidc.additionalEndpointParams")) {
            Config p = c.getConfig("auth.oidc.additionalEndpointParams");
            for (String k : p.root().keySet()) {
                params.put(k, p.getString(com.typesafe.config.ConfigUtil.quoteString(k)));
            }
        }
        return new OidcConfig(string(c, "auth.oidc.issuer"), string(c, "auth.oidc.audience"),
                c.hasPath("auth.oidc.skipExpiryCheck") && c.getBoolean("auth.oidc.skipExpiryCheck"),
                c.hasPath("auth.oidc.skipIssuerCheck") && c.getBoolean("auth.oidc.skipIssuerCheck"),
                string(c, "auth.oidc.clientID"), string(c, "auth.oidc.clientSecret"), string(c, "auth.oidc.scope"),
                string(c, "auth.oidc.tokenEndpointURL"), params);
    }

    /** frp's ValueSource at {@code prefix}, or null when unset. */
    static ValueSource valueSource(Config c, String prefix) {
        if (!c.hasPath(prefix + ".type")) {
            return null;
        }
        if (c.getString(prefix + ".type").equals("file")) {
            return ValueSource.file(java.nio.file.Path.of(c.getString(prefix + ".file.path")));
        }
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        if (c.hasPath(prefix + ".exec.env")) {
            for (Config e : c.getConfigList(prefix + ".exec.env")) {
                env.put(e.getString("name"), e.hasPath("value") ? e.getString("value") : "");
            }
        }
        return ValueSource.exec(c.getString(prefix + ".exec.command"), strings(c, prefix + ".exec.args"), env);
    }

    /** log.to, log.level, log.maxDays, log.disablePrintColor. */
    static LogSettings log(Config c) {
        return new LogSettings(string(c, "log.to"), string(c, "log.level"), integer(c, "log.maxDays", 3),
                bool(c, "log.disablePrintColor", false));
    }

    /** webServer.addr, port, user, password, tls.certFile and tls.keyFile. */
    static WebServerSettings webServer(Config c) {
        return new WebServerSettings(string(c, "webServer.addr"), integer(c, "webServer.port", 0),
                string(c, "webServer.user"), string(c, "webServer.password"), string(c, "webServer.tls.certFile"),
                string(c, "webServer.tls.keyFile"));
    }

    /**
     * A seconds key frp turns off with a negative value, or derives when unset: off with tcpMux, else
     * {@code withoutTcpMux}. Zero = off.
     */
    static Duration heartbeat(Config c, String key, boolean tcpMux, Duration withoutTcpMux) {
        if (c.hasPath(key)) {
            return Values.secondsOrDisabled(c, key).orElse(Duration.ZERO);
        }
        return tcpMux ? Duration.ZERO : withoutTcpMux;
    }

    /**
     * The yamux settings: {@code jfrp.mux} with frp's {@code transport.tcpMuxKeepaliveInterval} as the
     * keepalive interval (a negative value turns keepalive off) and {@code jfrp.mux.keepalive-timeout}
     * as the ping timeout.
     *
     * @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range
     */
    static YamuxConfig mux(Config c) {
        YamuxConfig mux = MuxConfigReader.read(subtree(c, "jfrp.mux"));
        Duration interval = Values.seconds(c, "transport.tcpMuxKeepaliveInterval");
        return mux.withKeepalive(interval.isNegative() ? Duration.ZERO : interval, mux.keepaliveTimeout());
    }

    /**
     * transport.quic of either program (seconds and a count, as frp's QUICOptions). A value of 0 is frp's
     * default, as frp's {@code QUICOptions.Complete} makes it: 0 is not "no keepalive", "no idle timeout"
     * or "no streams".
     */
    static QuicOptions quic(Config c) {
        QuicOptions frp = QuicOptions.DEFAULT;
        int keepalive = integer(c, "transport.quic.keepalivePeriod", 0);
        int idle = integer(c, "transport.quic.maxIdleTimeout", 0);
        long streams = c.hasPath("transport.quic.maxIncomingStreams") ? c.getLong("transport.quic.maxIncomingStreams") : 0;
        return new QuicOptions(keepalive == 0 ? frp.keepalivePeriod() : Duration.ofSeconds(keepalive),
                idle == 0 ? frp.maxIdleTimeout() : Duration.ofSeconds(idle),
                streams == 0 ? frp.maxIncomingStreams() : streams);
    }
}
