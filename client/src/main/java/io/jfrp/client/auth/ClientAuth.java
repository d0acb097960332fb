package io.jfrp.client.auth;

import io.jfrp.classpath.OptionalJars;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.protocol.auth.AuthSigner;
import io.jfrp.protocol.auth.TokenAuthenticator;

import java.time.Duration;

/** The client's side of the configured authentication method (frp's auth.NewAuthSetter). */
public final class ClientAuth {
    private ClientAuth() {
    }

    /** frp's token method, or OIDC with auth.method = "oidc" (no network until the first login). */
    public static AuthSigner signer(ClientConfig config) {
        if (config.auth().isOidc()) {
            OptionalJars.require(); // the OIDC stack
            return new OidcTokenSigner(config.auth().oidc(), config.auth().additionalScopes());
        }
        // jfrpc authenticates, it does not check timestamps: no skew limit.
        return new TokenAuthenticator(config.auth().token(), config.auth().additionalScopes(), Duration.ZERO);
    }
}
