package io.jfrp.config.schema;

import static io.jfrp.config.schema.KeyType.BOOL;
import static io.jfrp.config.schema.KeyType.INT;
import static io.jfrp.config.schema.KeyType.PORT;
import static io.jfrp.config.schema.KeyType.STRING;
import static io.jfrp.config.schema.KeyType.STRING_LIST;
import static io.jfrp.config.schema.KeyType.STRING_MAP;
import static io.jfrp.config.schema.KeyType.TABLE_LIST;

/**
 * Key groups frps and frpc have in common (frp's shared structs: auth, ValueSource, log, web server,
 * TLS, QUIC) and the {@code {name, value}} table, added to a scope by the per-program schemas.
 */
final class SharedKeys {
    static final String[] LOG_LEVELS = {"trace", "debug", "info", "warn", "error"};
    static final String[] AUTH_SCOPES = {"HeartBeats", "NewWorkConns"};

    /** {@code {name, value}} tables: healthCheck.httpHeaders, tokenSource exec env. */
    static final ConfigScope NAME_VALUE = nameValue();

    private SharedKeys() {
    }

    /** The auth keys of both programs: method, scopes, token and its source. */
    private static void auth(ConfigScope.Builder b) {
        b.key("auth.method", STRING).dflt("token").impl().zeroDefault().values("token", "oidc")
                .doc("authentication method: token, or oidc (auth.oidc)");
        b.key("auth.additionalScopes", STRING_LIST).dflt("[]").impl().values(AUTH_SCOPES)
                .doc("also authenticate Pings / NewWorkConns");
        b.key("auth.token", STRING).dflt("").impl().doc("shared secret");
        tokenSource(b, "auth.tokenSource", true);
    }

    static void serverAuth(ConfigScope.Builder b) {
        auth(b);
        b.key("auth.oidc.issuer", STRING).impl().doc("OIDC issuer");
        b.key("auth.oidc.audience", STRING).impl().doc("OIDC audience");
        b.key("auth.oidc.skipExpiryCheck", BOOL).dflt("false").impl().doc("OIDC: accept expired tokens");
        b.key("auth.oidc.skipIssuerCheck", BOOL).dflt("false").impl().doc("OIDC: skip the issuer check");
    }

    static void clientAuth(ConfigScope.Builder b) {
        auth(b);
        b.key("auth.oidc.clientID", STRING).impl().doc("OIDC client id");
        b.key("auth.oidc.clientSecret", STRING).impl().doc("OIDC client secret");
        b.key("auth.oidc.audience", STRING).impl().doc("OIDC audience");
        b.key("auth.oidc.scope", STRING).impl().doc("OIDC scope");
        b.key("auth.oidc.tokenEndpointURL", STRING).impl().doc("OIDC token endpoint");
        b.key("auth.oidc.additionalEndpointParams", STRING_MAP).impl().doc("extra token endpoint parameters");
        b.key("auth.oidc.trustedCaFile", STRING).doc("CA for the token endpoint");
        b.key("auth.oidc.insecureSkipVerify", BOOL).dflt("false").doc("do not verify the token endpoint");
        b.key("auth.oidc.proxyURL", STRING).doc("proxy for the token endpoint");
        tokenSource(b, "auth.oidc.tokenSource", false);
    }

    /**
     * frp's ValueSource: a secret read from a file or a program's output (see
     * {@code io.jfrp.config.validate.TokenSourceRules} for its rules, {@code model.ValueSource}).
     */
    static void tokenSource(ConfigScope.Builder b, String prefix, boolean implemented) {
        java.util.List<ConfigScope.KeyBuilder> keys = java.util.List.of(
                b.key(prefix + ".type", STRING).values("file", "exec").doc("where the token comes from"),
                b.key(prefix + ".file.path", STRING).doc("file holding the token"),
                b.key(prefix + ".exec.command", STRING).doc("program printing the token"),
                b.key(prefix + ".exec.args", STRING_LIST).doc("its arguments"),
                b.key(prefix + ".exec.env", TABLE_LIST).element(NAME_VALUE).doc("its environment ({name, value})"));
        if (implemented) {
            keys.forEach(ConfigScope.KeyBuilder::impl);
        }
    }

    static void log(ConfigScope.Builder b) {
        b.key("log.to", STRING).dflt("console").impl().zeroDefault().doc("console or a file path (rotated daily)");
        b.key("log.level", STRING).dflt("info").impl().zeroDefault().values(LOG_LEVELS).doc("minimum log level");
        b.key("log.maxDays", INT).dflt("3").impl().zeroDefault().doc("days of rotated log files kept");
        b.key("log.disablePrintColor", BOOL).dflt("false").impl().doc("no colours on the console");
    }

    static void webServer(ConfigScope.Builder b) {
        b.key("webServer.addr", STRING).dflt("127.0.0.1").impl().zeroDefault().doc("dashboard / admin API address");
        b.key("webServer.port", PORT).dflt("0").impl().doc("dashboard / admin API port; 0 = off");
        b.key("webServer.user", STRING).impl().doc("basic-auth user");
        b.key("webServer.password", STRING).impl().doc("basic-auth password");
        b.key("webServer.assetsDir", STRING).doc("serve assets from this directory (jfrp: the page is built in)");
        b.key("webServer.pprofEnable", BOOL).dflt("false").doc("Go pprof handlers (jfrp: use JFR or jcmd)");
        b.key("webServer.tls.certFile", STRING).impl().doc("certificate (PEM): serve HTTPS");
        b.key("webServer.tls.keyFile", STRING).impl().doc("private key (PEM)");
        b.key("webServer.tls.trustedCaFile", STRING).doc("trusted CA (PEM); frp's web server does not use it");
        b.key("webServer.tls.serverName", STRING).doc("TLS server name; frp's web server does not use it");
    }

    /** frp's TLSConfig struct. */
    static void tls(ConfigScope.Builder b, String prefix) {
        b.key(prefix + ".certFile", STRING).doc("certificate (PEM)");
        b.key(prefix + ".keyFile", STRING).doc("private key (PEM)");
        b.key(prefix + ".trustedCaFile", STRING).doc("trusted CA (PEM)");
        b.key(prefix + ".serverName", STRING).doc("TLS server name");
    }

    static void quic(ConfigScope.Builder b, String prefix) {
        b.key(prefix + ".keepalivePeriod", INT).dflt("10").impl().zeroDefault().doc("QUIC keepalive, seconds");
        b.key(prefix + ".maxIdleTimeout", INT).dflt("30").impl().zeroDefault().doc("QUIC idle timeout, seconds");
        b.key(prefix + ".maxIncomingStreams", INT).dflt("100000").impl().zeroDefault().doc("QUIC stream limit");
    }

    private static ConfigScope nameValue() {
        ConfigScope.Builder b = ConfigScope.builder("name/value");
        // What the pair means is up to the key holding it (implemented or not).
        b.key("name", STRING).impl().doc("name");
        b.key("value", STRING).impl().doc("value");
        return b.build();
    }
}
