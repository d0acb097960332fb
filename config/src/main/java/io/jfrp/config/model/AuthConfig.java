package io.jfrp.config.model;

import io.jfrp.protocol.auth.AuthScope;

import java.util.Set;

/**
 * frp's {@code auth} table as jfrp implements it (method {@code token}).
 *
 * @param token            auth.token, the shared secret; empty = none
 * @param additionalScopes auth.additionalScopes: messages besides Login that carry the key
 * @param tokenSource      auth.tokenSource: where the token comes from instead, read at start
 *                         ({@link #resolveToken}); null when the token is written out
 * @param oidc             auth.oidc with auth.method = "oidc"; null for the token method
 */
public record AuthConfig(String token, Set<AuthScope> additionalScopes, ValueSource tokenSource, OidcConfig oidc) {
    public AuthConfig {
        token = Fields.text(token);
        additionalScopes = additionalScopes == null ? Set.of() : Set.copyOf(additionalScopes);
    }

    /** A written-out token. */
    public AuthConfig(String token, Set<AuthScope> additionalScopes) {
        this(token, additionalScopes, null, null);
    }

    /** The token method, the token written out or from a source. */
    public AuthConfig(String token, Set<AuthScope> additionalScopes, ValueSource tokenSource) {
        this(token, additionalScopes, tokenSource, null);
    }

    /** Whether the method is OIDC (else frp's token method). */
    public boolean isOidc() {
        return oidc != null;
    }

    /**
     * The token to use: {@link #token()}, or what {@link #tokenSource()} gives (a file read or a program
     * run now), as frp resolves it once when it starts.
     *
     * @throws java.io.IOException naming the source and what went wrong
     */
    public String resolveToken() throws java.io.IOException {
        return tokenSource == null ? token : tokenSource.resolve();
    }

    /** A token and no additional scopes. */
    public static AuthConfig token(String token) {
        return new AuthConfig(token, Set.of());
    }

    /**
     * This configuration with the token read from its source ({@link #resolveToken}) and no source:
     * what a program runs with.
     *
     * @throws java.io.IOException "failed to resolve auth.tokenSource: ..." naming the source
     */
    public AuthConfig resolved() throws java.io.IOException {
        if (tokenSource == null) {
            return this;
        }
        try {
            return new AuthConfig(tokenSource.resolve(), additionalScopes, null, oidc);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("failed to resolve auth.tokenSource: " + e.getMessage(), e);
        }
    }

    /** Says whether a token is set, never the token. */
    @Override
    public String toString() {
        return "AuthConfig[" + (oidc != null ? "oidc " + oidc.issuer() + oidc.tokenEndpointUrl() + ", " : "")
                + "token " + (tokenSource != null ? "from " + tokenSource : token.isEmpty() ? "unset" : "set")
                + ", additionalScopes " + additionalScopes + "]";
    }
}
