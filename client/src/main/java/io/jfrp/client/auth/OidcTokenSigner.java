package io.jfrp.client.auth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import io.jfrp.config.model.OidcConfig;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.protocol.auth.AuthSigner;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * jfrpc's OIDC method (frp's OidcAuthProvider): an access token from the provider's token endpoint
 * with the OAuth 2.0 client credentials grant (client id and secret in HTTP basic authentication,
 * {@code scope}, {@code audience} and additionalEndpointParams as parameters), put in Login, and in
 * Pings and NewWorkConns when auth.additionalScopes names them.
 *
 * <h3>Caching, as frp</h3>
 * A token with {@code expires_in} is reused until ten seconds before it expires; a provider that
 * gives none gets a request for every message that carries a token (a cached token could otherwise
 * outlive its validity unnoticed).
 *
 * <h3>Threading</h3>
 * {@link #blocks()} is true: a request waits for the network (at most {@link #HTTP_TIMEOUT_MILLIS}
 * to connect and as long to read), so callers sign off their event loops. The cached token is
 * guarded by this object's lock; requests are made one at a time.
 */
public final class OidcTokenSigner implements AuthSigner {
    /** Connect and read timeouts toward the token endpoint. */
    static final int HTTP_TIMEOUT_MILLIS = 10_000;
    /** golang.org/x/oauth2's expiryDelta: a token is renewed this long before it expires. */
    static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);

    private final OidcConfig config;
    private final Set<AuthScope> additionalScopes;
    private final Clock clock;
    /** The last token and until when it may be used; null before the first, or when not cacheable. */
    private String cached;
    private Instant cachedUntil = Instant.MIN;

    public OidcTokenSigner(OidcConfig config, Set<AuthScope> additionalScopes) {
        this(config, additionalScopes, Clock.systemUTC());
    }

    OidcTokenSigner(OidcConfig config, Set<AuthScope> additionalScopes, Clock clock) {
        this.config = config;
        this.additionalScopes = additionalScopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(additionalScopes));
        this.clock = clock;
    }

    @Override
    public boolean blocks() {
        return true;
    }

    /** @throws OidcTokenException when no token could be had */
    @Override
    public Login sign(Login login) {
        return login.withAuth(token("login"), clock.instant().getEpochSecond());
    }

    @Override
    public Ping sign(Ping ping) {
        if (!additionalScopes.contains(AuthScope.HEARTBEATS)) {
            return ping;
        }
        return ping.withAuth(token("ping"), clock.instant().getEpochSecond());
    }

    @Override
    public NewWorkConn sign(NewWorkConn newWorkConn) {
        if (!additionalScopes.contains(AuthScope.NEW_WORK_CONNS)) {
            return newWorkConn;
        }
        return newWorkConn.withAuth(token("NewWorkConn"), clock.instant().getEpochSecond());
    }

    /** A token (cached or new); blocks while one is requested. */
    synchronized String token(String what) {
        if (cached != null && clock.instant().isBefore(cachedUntil)) {
            return cached;
        }
        try {
            AccessTokenResponse ok = request();
            AccessToken token = ok.getTokens().getAccessToken();
            long lifetime = token.getLifetime();
            if (lifetime > 0) {
                cached = token.getValue();
                cachedUntil = clock.instant().plusSeconds(lifetime).minus(EXPIRY_DELTA);
            } else {
                cached = null; // no expires_in: a fresh token each time
            }
            return token.getValue();
        } catch (OidcTokenException e) {
            throw new OidcTokenException("couldn't generate OIDC token for " + what + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new OidcTokenException("couldn't generate OIDC token for " + what + ": " + e, e);
        }
    }

    private AccessTokenResponse request() throws Exception {
        TokenRequest.Builder b = new TokenRequest.Builder(new URI(config.tokenEndpointUrl()),
                new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                new ClientCredentialsGrant());
        if (!config.scope().isEmpty()) {
            b.scope(Scope.parse(config.scope()));
        }
        if (!config.audience().isEmpty()) {
            b.customParameter("audience", config.audience());
        }
        config.additionalEndpointParams().forEach(b::customParameter);
        HTTPRequest http = b.build().toHTTPRequest();
        http.setConnectTimeout(HTTP_TIMEOUT_MILLIS);
        http.setReadTimeout(HTTP_TIMEOUT_MILLIS);
        TokenResponse response = TokenResponse.parse(http.send());
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            throw new OidcTokenException("token endpoint " + config.tokenEndpointUrl() + " answered "
                    + error.getHTTPStatusCode() + " " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"), null);
        }
        return response.toSuccessResponse();
    }

    /** No token could be had from the provider; the message names why. */
    public static final class OidcTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OidcTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Names the endpoint, never the secret. */
    @Override
    public String toString() {
        return "OidcTokenSigner[" + config.tokenEndpointUrl() + ", client " + config.clientId() + ", scopes "
                + List.copyOf(additionalScopes) + "]";
    }
}
