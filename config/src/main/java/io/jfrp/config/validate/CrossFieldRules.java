package io.jfrp.config.validate;

import com.typesafe.config.Config;
import io.jfrp.config.schema.ConfigScope;
import io.jfrp.config.schema.FrpSchema;
import io.jfrp.config.schema.Values;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Rules that span keys, as frp has them (a heartbeat timeout not below the interval) and as jfrp needs
 * them (auth.method token, a certificate with its key, TLS files that have no effect without TLS).
 * Run on the normalised user configuration, with the defaults under it where a rule needs them.
 *
 * @param root     the scope of the file: {@code FrpSchema.SERVER} or {@code FrpSchema.CLIENT}
 * @param defaults the program's defaults, under the user's values where a rule needs them
 */
record CrossFieldRules(ConfigScope root, Config defaults) {
    void check(Config user, Problems run) {
        Config merged = user.withFallback(defaults);
        authMethod(user, run);
        certAndKey(user, "webServer.tls", run);
        if (root == FrpSchema.SERVER) {
            certAndKey(user, "transport.tls", run);
            UserTableRules.check(user, run);
            sshGatewayWithOidc(user, run);
        } else if (root == FrpSchema.CLIENT) {
            certAndKey(user, "transport.tls", run);
            healthChecks(user, run);
            datagramBandwidthLimits(user, run);
            if (merged.hasPath("transport.tls.enable") && !merged.getBoolean("transport.tls.enable")) {
                for (String f : List.of("certFile", "keyFile", "trustedCaFile")) {
                    String p = "transport.tls." + f;
                    if (user.hasPath(p)) {
                        run.warning(user.getValue(p).origin(), p,
                                "'" + p + "' has no effect while transport.tls.enable is false");
                    }
                }
            }
            heartbeat(user, merged, run);
            ServerListRules.check(user, run);
            PluginRules.check(user, run);
        }
    }

    /** frp's rules for auth.method = "oidc" (validation/oidc.go), with its messages. */
    private void authMethod(Config user, Problems run) {
        if (!user.hasPath("auth.method") || !"oidc".equals(user.getString("auth.method"))) {
            return;
        }
        com.typesafe.config.ConfigOrigin at = user.getValue("auth.method").origin();
        if (root == io.jfrp.config.schema.FrpSchema.SERVER) {
            if (!user.hasPath("auth.oidc.issuer") || user.getString("auth.oidc.issuer").isEmpty()) {
                run.error(at, "auth.oidc.issuer", "auth.oidc.issuer is required with auth.method = \"oidc\"");
            }
            return;
        }
        if (!user.hasPath("auth.oidc.clientID") || user.getString("auth.oidc.clientID").isEmpty()) {
            run.error(at, "auth.oidc.clientID", "auth.oidc.clientID is required");
        }
        String url = user.hasPath("auth.oidc.tokenEndpointURL") ? user.getString("auth.oidc.tokenEndpointURL") : "";
        if (url.isEmpty()) {
            run.error(at, "auth.oidc.tokenEndpointURL", "auth.oidc.tokenEndpointURL is required");
        } else {
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
                run.error(at, "auth.oidc.tokenEndpointURL", "auth.oidc.tokenEndpointURL must be an absolute http or https URL");
            } else if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
                run.error(at, "auth.oidc.tokenEndpointURL", "auth.oidc.tokenEndpointURL must use http or https");
            }
        }
        if (user.hasPath("auth.oidc.additionalEndpointParams.scope")) {
            run.error(at, "auth.oidc.additionalEndpointParams", "auth.oidc.additionalEndpointParams.scope is not"
                    + " allowed; use auth.oidc.scope instead");
        }
    }

    private static void certAndKey(Config user, String prefix, Problems run) {
        boolean cert = user.hasPath(prefix + ".certFile");
        boolean key = user.hasPath(prefix + ".keyFile");
        if (cert != key) {
            String set = prefix + (cert ? ".certFile" : ".keyFile");
            String missing = prefix + (cert ? ".keyFile" : ".certFile");
            run.error(user.getValue(set).origin(), set, "'" + set + "' is set but '" + missing
                    + "' is not; give both (frp would silently use a generated certificate instead)");
        }
    }

    /** frp's rule: an http health check needs a path. */
    private static void healthChecks(Config user, Problems run) {
        forEachProxy(user, (p, proxy) -> {
            String at = proxy + ".healthCheck";
            if (p.hasPath("healthCheck.type") && "http".equals(p.getString("healthCheck.type"))
                    && (!p.hasPath("healthCheck.path") || p.getString("healthCheck.path").isEmpty())) {
                run.error(p.getValue("healthCheck.type").origin(), at + ".path",
                        "'" + at + ".path' must be set for an http health check (the path requested)");
            }
        });
    }

    /**
     * A bandwidth limit on a udp or sudp proxy: frp applies it to the work connection; jfrp's limiter
     * sits on the byte stream under a stream proxy only, so the key is refused there by name rather
     * than accepted and ignored.
     */
    private static void datagramBandwidthLimits(Config user, Problems run) {
        forEachProxy(user, (p, proxy) -> {
            String at = proxy + ".transport.bandwidthLimit";
            String type = p.hasPath("type") ? p.getString("type") : "";
            if ((type.equals("udp") || type.equals("sudp")) && p.hasPath("transport.bandwidthLimit")
                    && !p.getString("transport.bandwidthLimit").isEmpty()) {
                run.error(p.getValue("transport.bandwidthLimit").origin(), at, "'" + at + "' on a " + type
                        + " proxy is an frp setting jfrp does not implement yet (jfrp limits tcp, http, https, "
                        + "tcpmux and stcp proxies)");
            }
        });
    }

    /** Calls {@code check} with each table of {@code proxies} and its path ({@code proxies[3]}). */
    private static void forEachProxy(Config user, BiConsumer<Config, String> check) {
        if (!user.hasPath("proxies")) {
            return;
        }
        int i = 0;
        for (Config p : user.getConfigList("proxies")) {
            check.accept(p, "proxies[" + i++ + "]");
        }
    }

    /**
     * The SSH tunnel gateway logs its in-process client in with the server's token; frps lets such
     * internal logins pass whatever the method, jfrps does not yet, so with OIDC the gateway could
     * never publish: refused by name rather than started broken.
     */
    private static void sshGatewayWithOidc(Config user, Problems run) {
        if (user.hasPath("sshTunnelGateway.bindPort") && user.getInt("sshTunnelGateway.bindPort") > 0
                && user.hasPath("auth.method") && "oidc".equals(user.getString("auth.method"))) {
            run.error(user.getValue("sshTunnelGateway.bindPort").origin(), "sshTunnelGateway.bindPort",
                    "sshTunnelGateway with auth.method = \"oidc\" is an frp combination jfrp does not implement yet"
                            + " (the gateway's internal client logs in with the token)");
        }
    }

    private static void heartbeat(Config user, Config merged, Problems run) {
        String ip = "transport.heartbeatInterval";
        String tp = "transport.heartbeatTimeout";
        if (!user.hasPath(ip) && !user.hasPath(tp)) {
            return;
        }
        boolean tcpMux = !merged.hasPath("transport.tcpMux") || merged.getBoolean("transport.tcpMux");
        long interval = user.hasPath(ip) ? Values.seconds(user, ip).getSeconds() : tcpMux ? -1 : 30;
        long timeout = user.hasPath(tp) ? Values.seconds(user, tp).getSeconds() : tcpMux ? -1 : 90;
        if (interval > 0 && timeout > 0 && timeout < interval) {
            String at = user.hasPath(tp) ? tp : ip;
            run.error(user.getValue(at).origin(), at, "'" + tp + "' (" + timeout
                    + "s) must not be less than '" + ip + "' (" + interval + "s)");
        }
    }
}
