package io.jfrp.config.model;

import io.jfrp.protocol.auth.AuthScope;

import java.util.Set;

/**
 * frp's {@code auth} table as jfrp implements it (method {@code token}).
 *
 * @param token            auth.token, the shared secret; empty = none
 * @param additionalScopes auth.additionalScopes: messages besides Login that carry the key
 */
public record AuthConfig(String token, Set<AuthScope> additionalScopes) {
    public AuthConfig {
        token = Fields.text(token);
        additionalScopes = additionalScopes == null ? Set.of() : Set.copyOf(additionalScopes);
    }

    /** A token and no additional scopes. */
    public static AuthConfig token(String token) {
        return new AuthConfig(token, Set.of());
    }

    /** Says whether a token is set, never the token. */
    @Override
    public String toString() {
        return "AuthConfig[token " + (token.isEmpty() ? "unset" : "set") + ", additionalScopes " + additionalScopes + "]";
    }
}
