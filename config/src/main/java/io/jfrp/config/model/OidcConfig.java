package io.jfrp.config.model;

import java.util.Map;

/**
 * frp's {@code auth.oidc} table (with {@code auth.method = "oidc"}), both sides: jfrpc gets an
 * access token from the OpenID provider's token endpoint with the OAuth 2.0 client credentials
 * grant and sends it in Login (and Pings / NewWorkConns in auth.additionalScopes); jfrps verifies it
 * against the issuer's keys (OpenID discovery, JWKS).
 *
 * @param issuer                   server: the issuer, where discovery starts and the iss claim
 * @param audience                 server: the aud the token must hold ("" = any); client: the
 *                                 {@code audience} parameter of the token request ("" = none)
 * @param skipExpiryCheck          server: accept expired tokens
 * @param skipIssuerCheck          server: accept another iss
 * @param clientId                 client: the OAuth client id
 * @param clientSecret             client: its secret (HTTP basic authentication)
 * @param scope                    client: the scope parameter
 * @param tokenEndpointUrl         client: the token endpoint
 * @param additionalEndpointParams client: more parameters of the token request
 */
public record OidcConfig(String issuer, String audience, boolean skipExpiryCheck, boolean skipIssuerCheck,
                         String clientId, String clientSecret, String scope, String tokenEndpointUrl,
                         Map<String, String> additionalEndpointParams) {
    public OidcConfig {
        issuer = Fields.text(issuer);
        audience = Fields.text(audience);
        clientId = Fields.text(clientId);
        clientSecret = Fields.text(clientSecret);
        scope = Fields.text(scope);
        tokenEndpointUrl = Fields.text(tokenEndpointUrl);
        additionalEndpointParams = Fields.map(additionalEndpointParams);
    }

    /** Names the provider, never the secret. */
    @Override
    public String toString() {
        return "OidcConfig[issuer " + issuer + ", audience " + audience + ", clientId " + clientId
                + ", tokenEndpointUrl " + tokenEndpointUrl + "]";
    }
}
