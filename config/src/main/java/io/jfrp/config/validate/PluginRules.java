package io.jfrp.config.validate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;

import java.util.List;
import java.util.Map;

/**
 * Rules of a proxy's {@code plugin} table beyond its keys, as frp's {@code ValidateClientPluginOptions}
 * has them (the setting each type cannot do without) and as jfrp needs them: {@code virtual_net} is
 * refused by name (alpha in frp, behind the VirtualNet feature gate; jfrp does not run it), and a
 * certificate needs its key (frp would silently make one up when either is missing).
 */
final class PluginRules {
    /** The setting each plugin type needs. http2http too (frp does not check it, but cannot run without it). */
    private static final Map<String, String> REQUIRED = Map.of(
            "http2https", "localAddr",
            "https2http", "localAddr",
            "https2https", "localAddr",
            "http2http", "localAddr",
            "tls2raw", "localAddr",
            "static_file", "localPath",
            "unix_domain_socket", "unixPath");

    private PluginRules() {
    }

    /** Checks the plugin of every proxy of a client configuration. */
    static void check(Config user, Problems run) {
        if (!user.hasPath("proxies")) {
            return;
        }
        List<? extends ConfigValue> proxies = user.getList("proxies");
        for (int i = 0; i < proxies.size(); i++) {
            if (!(proxies.get(i) instanceof com.typesafe.config.ConfigObject proxy)) {
                continue;
            }
            Config p = proxy.toConfig();
            if (p.hasPath("plugin.type")) {
                checkPlugin(p, "proxies[" + i + "].plugin", run);
            }
        }
    }

    private static void checkPlugin(Config p, String shown, Problems run) {
        ConfigValue typeValue = p.getValue("plugin.type");
        String type = String.valueOf(typeValue.unwrapped());
        String name = p.hasPath("name") ? p.getString("name") : shown;
        if (type.equals("virtual_net")) {
            run.error(typeValue.origin(), shown + ".type", "proxy '" + name + "': plugin 'virtual_net' is alpha in "
                    + "frp (feature gate VirtualNet) and jfrp does not implement it");
            return;
        }
        String required = REQUIRED.get(type);
        if (required != null && (!p.hasPath("plugin." + required) || p.getString("plugin." + required).isBlank())) {
            run.error(typeValue.origin(), shown + "." + required, "proxy '" + name + "': plugin " + type
                    + " needs '" + required + "'");
        }
        boolean crt = p.hasPath("plugin.crtPath") && !p.getString("plugin.crtPath").isEmpty();
        boolean key = p.hasPath("plugin.keyPath") && !p.getString("plugin.keyPath").isEmpty();
        if (crt != key) {
            String set = crt ? "crtPath" : "keyPath";
            run.error(p.getValue("plugin." + set).origin(), shown + "." + set, "proxy '" + name + "': plugin '"
                    + set + "' is set but '" + (crt ? "keyPath" : "crtPath") + "' is not; give both, or neither "
                    + "for a certificate made at start");
        }
    }
}
