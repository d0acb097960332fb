package io.jfrp.server.auth;

import io.jfrp.classpath.OptionalJars;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.protocol.auth.AuthVerifier;
import io.jfrp.protocol.auth.TokenAuthenticator;

/** The server's side of the configured authentication method (frp's auth.NewAuthVerifier). */
public final class ServerAuth {
    private ServerAuth() {
    }

    /**
     * frp's token method, or OIDC with auth.method = "oidc" (which reads the issuer's discovery
     * document and keys now).
     *
     * @throws IllegalArgumentException when the OIDC issuer cannot be reached or read, naming it
     */
    public static AuthVerifier verifier(ServerConfig config) {
        if (config.auth().isOidc()) {
            OptionalJars.require(); // the OIDC stack
            return OidcVerifier.discover(config.auth().oidc(), config.auth().additionalScopes());
        }
        return new TokenAuthenticator(config.auth().token(), config.auth().additionalScopes(), config.loginMaxSkew());
    }
}
