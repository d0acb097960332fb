package io.jfrp.protocol.auth;

import java.util.Locale;

/**
 * Messages besides Login that carry an authentication key when the client lists them in
 * {@code auth.additionalScopes} (frp's {@code v1.AuthScope}). Both ends must agree: the server
 * verifies only the scopes it is configured with.
 */
public enum AuthScope {
    /** Ping messages (frp's {@code HeartBeats}). */
    HEARTBEATS("HeartBeats"),
    /** NewWorkConn messages (frp's {@code NewWorkConns}). */
    NEW_WORK_CONNS("NewWorkConns");

    private final String configName;

    AuthScope(String configName) {
        this.configName = configName;
    }

    /** The name used in frp configuration files. */
    public String configName() {
        return configName;
    }

    /** The scope for a configuration name, matched case-insensitively. */
    public static AuthScope fromConfigName(String name) {
        for (AuthScope s : values()) {
            if (s.configName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown auth scope '" + name + "', expected HeartBeats or NewWorkConns");
    }
}
