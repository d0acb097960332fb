package io.jfrp.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.jfrp.config.model.OidcConfig;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.protocol.auth.AuthVerifier;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * frps's OIDC method (frp's OidcAuthConsumer over go-oidc's verifier): the client's Login carries an
 * access token (a JWT) from the OpenID provider; it must be signed by one of the issuer's keys, name
 * the issuer (unless skipIssuerCheck), hold the audience when one is configured, and not be expired
 * (unless skipExpiryCheck). Pings and NewWorkConns in auth.additionalScopes carry tokens too, whose
 * subject must be one a Login showed.
 *
 * <h3>Network</h3>
 * The issuer's discovery document and keys are read when the server starts ({@link #discover}),
 * as frps does, so verifying a token never waits for the network: it runs on the connection's event
 * loop against the keys in memory. A token signed with a key id the set does not have is refused,
 * and the set is fetched again in the background (at most every {@link #REFRESH_INTERVAL}), so a
 * provider's new key is known for the client's next try. go-oidc fetches during the verification
 * instead; jfrps never blocks a loop on the provider.
 *
 * <p>Thread-safe.
 */
public final class OidcVerifier implements AuthVerifier {
    private static final Logger log = LoggerFactory.getLogger(OidcVerifier.class);
    /** Connect and read timeouts toward the provider. */
    static final int HTTP_TIMEOUT_MILLIS = 10_000;
    /** Largest JWKS document read. */
    static final int JWKS_SIZE_LIMIT = 256 * 1024;
    /** Shortest time between two fetches of the key set on unknown key ids. */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** go-oidc's allowance for a token's nbf ahead of the server's clock. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final OidcConfig config;
    private final Set<AuthScope> additionalScopes;
    private final URL jwksUri;
    private final Clock clock;
    private volatile JWKSet keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<String> subjectsFromLogin = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastRefreshNanos = new AtomicLong(System.nanoTime());
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jfrps-oidc-keys");
        t.setDaemon(true);
        return t;
    });

    OidcVerifier(OidcConfig config, Set<AuthScope> additionalScopes, URL jwksUri, JWKSet keys, List<JWSAlgorithm> algs,
                 Clock clock) {
        this.config = config;
        this.additionalScopes = additionalScopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(additionalScopes));
        this.jwksUri = jwksUri;
        this.keys = keys;
        this.clock = clock;
        JWKSource<SecurityContext> source = (selector, ctx) -> selector.select(this.keys);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algs), source));
        processor.setJWTClaimsSetVerifier((claims, ctx) -> { }); // checked in claims(), with frp's messages
    }

    /**
     * Reads the issuer's discovery document ({@code /.well-known/openid-configuration}, whose issuer
     * must be the configured one) and its key set.
     *
     * @throws IllegalArgumentException naming the issuer and what failed
     */
    static OidcVerifier discover(OidcConfig config, Set<AuthScope> additionalScopes) {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()),
                    HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS);
            URL jwks = metadata.getJWKSetURI().toURL();
            JWKSet keys = JWKSet.load(jwks, HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT);
            List<JWSAlgorithm> algs = metadata.getIDTokenJWSAlgs() == null || metadata.getIDTokenJWSAlgs().isEmpty()
                    ? List.of(JWSAlgorithm.RS256) : metadata.getIDTokenJWSAlgs();
            log.info("OIDC issuer {}: {} key(s) from {}", config.issuer(), keys.getKeys().size(), jwks);
            return new OidcVerifier(config, additionalScopes, jwks, keys, algs, Clock.systemUTC());
        } catch (Exception e) {
            throw new IllegalArgumentException("auth.oidc.issuer " + config.issuer() + ": cannot read its discovery"
                    + " document or keys: " + e.getMessage(), e);
        }
    }

    @Override
    public void verifyLogin(Login login) throws AuthenticationException {
        JWTClaimsSet claims = verify(login.privilegeKey(), "login");
        subjectsFromLogin.add(String.valueOf(claims.getSubject()));
    }

    @Override
    public void verifyPing(Ping ping) throws AuthenticationException {
        if (additionalScopes.contains(AuthScope.HEARTBEATS)) {
            afterLogin(ping.privilegeKey(), "ping");
        }
    }

    @Override
    public void verifyNewWorkConn(NewWorkConn newWorkConn) throws AuthenticationException {
        if (additionalScopes.contains(AuthScope.NEW_WORK_CONNS)) {
            afterLogin(newWorkConn.privilegeKey(), "NewWorkConn");
        }
    }

    private void afterLogin(String token, String what) throws AuthenticationException {
        JWTClaimsSet claims = verify(token, what);
        if (!subjectsFromLogin.contains(String.valueOf(claims.getSubject()))) {
            throw refused("received different OIDC subject in login and " + what + ". new subject: "
                    + claims.getSubject(), what);
        }
    }

    private JWTClaimsSet verify(String token, String what) throws AuthenticationException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJOSEException e) {
            if (String.valueOf(e.getMessage()).contains("no matching key")) {
                refreshSoon();
            }
            throw refused("invalid OIDC token in " + what + ": " + e.getMessage(), what);
        } catch (Exception e) {
            throw refused("invalid OIDC token in " + what + ": " + e.getMessage(), what);
        }
        String problem = claims(claims);
        if (problem != null) {
            throw refused("invalid OIDC token in " + what + ": " + problem, what);
        }
        return claims;
    }

    /** What is wrong with the claims, in go-oidc's words, or null. */
    String claims(JWTClaimsSet c) {
        if (!config.skipIssuerCheck() && !config.issuer().equals(c.getIssuer())) {
            return "oidc: id token issued by a different provider, expected \"" + config.issuer() + "\" got \""
                    + c.getIssuer() + "\"";
        }
        if (!config.audience().isEmpty() && (c.getAudience() == null || !c.getAudience().contains(config.audience()))) {
            return "oidc: expected audience \"" + config.audience() + "\" got " + c.getAudience();
        }
        Instant now = clock.instant();
        Date exp = c.getExpirationTime();
        if (!config.skipExpiryCheck() && (exp == null || !exp.toInstant().isAfter(now))) {
            return "oidc: token is expired (Token Expiry: " + (exp == null ? "none" : exp.toInstant()) + ")";
        }
        Date nbf = c.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return "oidc: current time " + now + " before the nbf (not before) time: " + nbf.toInstant();
        }
        return null;
    }

    /** frps's detailed error, and its summary for the message kind. */
    private static AuthenticationException refused(String reason, String what) {
        String summary = switch (what) {
            case "login" -> "register control error";
            case "ping" -> "invalid ping";
            default -> "invalid NewWorkConn";
        };
        return new AuthenticationException(reason, reason, summary);
    }

    /** Fetches the key set again in the background, at most every {@link #REFRESH_INTERVAL}. */
    private void refreshSoon() {
        long now = System.nanoTime();
        long last = lastRefreshNanos.get();
        if (now - last < REFRESH_INTERVAL.toNanos() || !lastRefreshNanos.compareAndSet(last, now)) {
            return;
        }
        refresher.execute(() -> {
            try {
                keys = JWKSet.load(jwksUri, HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT);
                log.info("OIDC issuer {}: key set refreshed, {} key(s)", config.issuer(), keys.getKeys().size());
            } catch (Exception e) {
                log.warn("OIDC issuer {}: cannot refresh its keys from {}: {}", config.issuer(), jwksUri, e.toString());
            }
        });
    }
}
