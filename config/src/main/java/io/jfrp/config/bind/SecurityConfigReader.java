package io.jfrp.config.bind;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.jfrp.config.model.LoginBackoff;
import io.jfrp.config.model.PortRanges;
import io.jfrp.config.model.PreAuthLimits;
import io.jfrp.config.model.PublicLimits;
import io.jfrp.config.model.SecurityConfig;
import io.jfrp.config.model.ServerUser;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.schema.PortRangesReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code jfrp.security} and {@code jfrp.users} of a validated jfrps configuration into a
 * {@link SecurityConfig}. A key not set takes its default (reference.conf, and
 * {@link SecurityConfig#DEFAULTS} for a configuration made without it).
 */
public final class SecurityConfigReader {
    private static final String S = "jfrp.security.";

    private SecurityConfigReader() {
    }

    /** @throws IllegalArgumentException naming the key when a value is out of its range */
    public static SecurityConfig read(Config c) {
        try {
            PreAuthLimits p = PreAuthLimits.DEFAULTS;
            PreAuthLimits preAuth = new PreAuthLimits(
                    duration(c, "firstByteTimeout", p.firstByteTimeout()),
                    duration(c, "tlsHandshakeTimeout", p.tlsHandshakeTimeout()),
                    duration(c, "firstMessageTimeout", p.firstMessageTimeout()),
                    duration(c, "loginTimeout", p.loginTimeout()),
                    integer(c, "maxUnauthenticatedConnections", p.maxConnections()),
                    integer(c, "maxUnauthenticatedPerAddress", p.maxPerAddress()),
                    integer(c, "maxStreamsBeforeLogin", p.maxStreamsBeforeLogin()));
            LoginBackoff b = LoginBackoff.DEFAULTS;
            LoginBackoff backoff = new LoginBackoff(integer(c, "loginFailureLimit", b.failureLimit()),
                    duration(c, "loginFailureWindow", b.window()), duration(c, "loginBackoff", b.backoff()),
                    duration(c, "maxLoginBackoff", b.maxBackoff()));
            PublicLimits l = PublicLimits.DEFAULTS;
            PublicLimits publicSide = new PublicLimits(duration(c, "httpRequestHeadTimeout", l.httpRequestHeadTimeout()),
                    integer(c, "httpMaxHeaders", l.httpMaxHeaders()),
                    integer(c, "maxPublicConnectionsPerAddress", l.maxConnectionsPerAddress()));
            SecurityConfig d = SecurityConfig.DEFAULTS;
            return new SecurityConfig(preAuth, backoff,
                    c.hasPath(S + "workConnSameAddress") ? c.getBoolean(S + "workConnSameAddress") : d.workConnSameAddress(),
                    integer(c, "maxProxiesPerClient", d.maxProxiesPerClient()), publicSide, users(c),
                    duration(c, "loginReplayGrace", d.loginReplayGrace()));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad jfrp.security setting: " + e.getMessage(), e);
        }
    }

    private static List<ServerUser> users(Config c) {
        if (!c.hasPath("jfrp.users")) {
            return List.of();
        }
        List<ServerUser> users = new ArrayList<>();
        for (Config u : c.getConfigList("jfrp.users")) {
            PortRanges ports = u.hasPath("allowPorts") ? PortRangesReader.fromConfig(u.getValue("allowPorts"))
                    : PortRanges.UNRESTRICTED;
            Set<ProxyType> types = EnumSet.noneOf(ProxyType.class);
            for (String t : SettingReads.strings(u, "proxyTypes")) {
                types.add(ProxyType.fromFrpName(t).orElseThrow(() ->
                        new IllegalArgumentException("jfrp.users: proxy type '" + t + "' is not a type of frp")));
            }
            users.add(new ServerUser(SettingReads.string(u, "name"), SettingReads.string(u, "token"),
                    SettingReads.string(u, "certSubject"), ports, SettingReads.strings(u, "domains"), types));
        }
        return users;
    }

    private static Duration duration(Config c, String key, Duration dflt) {
        return c.hasPath(S + key) ? c.getDuration(S + key) : dflt;
    }

    private static int integer(Config c, String key, int dflt) {
        return c.hasPath(S + key) ? c.getInt(S + key) : dflt;
    }
}
