package io.jfrp.protocol.auth;

import java.util.Locale;

/**
 * Messages besides Login that carry an authentication key when the client lists them in
 * {@code auth.additionalScopes} (frp's {@code v1.AuthScope}). Both ends must agree: the server
 * verifies only the scopes it is configured with.
 */
public enum AuthScope {
    /** Ping messages (frp's {@code HeartBeats}). */
    HEARTBEATS,
    /** NewWorkConn messages (frp's {@code NewWorkConns}). */
    NEW_WORK_CONNS;

    /** The name used in frp configuration files. */
    public String configName() {
        return this == HEARTBEATS ? "HeartBeats" : "NewWorkConns";
    }

    /** The scope for a configuration name, matched case-insensitively. */
    public static AuthScope fromConfigName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "heartbeats" -> HEARTBEATS;
            case "newworkconns" -> NEW_WORK_CONNS;
            default -> throw new IllegalArgumentException(
                    "unknown auth scope '" + name + "', expected HeartBeats or NewWorkConns");
        };
    }
}
