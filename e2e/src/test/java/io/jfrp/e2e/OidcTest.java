package io.jfrp.e2e;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.jfrp.client.FrpClient;
import io.jfrp.client.auth.OidcTokenSigner;
import io.jfrp.config.model.AuthConfig;
import io.jfrp.config.model.OidcConfig;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.server.FrpServer;
import io.jfrp.server.auth.ServerAuth;
import io.jfrp.protocol.auth.AuthVerifier;
import io.jfrp.config.model.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * auth.method = "oidc" against a small real OpenID provider ({@link OidcProvider}): jfrpc gets its
 * token from the token endpoint (client credentials), jfrps verifies it against the issuer's keys
 * found by discovery; a tunnel carries bytes after such a login. Wrong client credentials, a token
 * signed by another key or for another audience are refused; without expires_in every message that
 * carries a token gets a fresh one, as frp.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OidcTest extends E2eCase {
    private static AuthConfig serverAuth(OidcProvider idp, Set<AuthScope> scopes) {
        return new AuthConfig("", scopes, null, new OidcConfig(idp.issuer(), OidcProvider.AUDIENCE, false, false,
                "", "", "", "", Map.of()));
    }

    private static AuthConfig clientAuth(OidcProvider idp, String secret, Set<AuthScope> scopes) {
        return new AuthConfig("", scopes, null, new OidcConfig("", "", false, false, OidcProvider.CLIENT_ID, secret,
                "", idp.tokenEndpoint(), Map.of()));
    }

    @Test
    void aClientWithProviderTokensLogsInAndItsTunnelCarriesBytes() throws Exception {
        try (OidcProvider idp = new OidcProvider(true); EchoService echo = new EchoService()) {
            FrpServer server = server("", c -> c.withAuth(serverAuth(idp, Set.of())));
            int remote = E2e.freePort();
            tcpClientUp(server.address().getPort(), "", "tcp", echo.port(), remote,
                    c -> c.withAuth(clientAuth(idp, OidcProvider.CLIENT_SECRET, Set.of())));
            byte[] sent = "frp is a fast reverse proxy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", remote)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(sent);
                assertThat(s.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
            }
            assertThat(idp.tokensGiven()).isEqualTo(1);
            assertThat(idp.lastParams).containsEntry("grant_type", "client_credentials");
        }
    }

    @Test
    void wrongClientCredentialsFailTheLogin() throws Exception {
        try (OidcProvider idp = new OidcProvider(true)) {
            FrpServer server = server("", c -> c.withAuth(serverAuth(idp, Set.of())));
            FrpClient client = client(server.address().getPort(), "", java.util.List.of(),
                    c -> c.withAuth(clientAuth(idp, "wrong-secret", Set.of())));
            Throwable failure = catchThrowable(() -> client.start().get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).hasMessageContaining("couldn't generate OIDC token for login")
                    .hasMessageContaining("401 invalid_client");
            assertThat(server.clientCount()).isZero();
        }
    }

    @Test
    void theServerRefusesTokensOfAnotherKeyOrAudienceAndSubjectsNotSeenAtLogin() throws Exception {
        try (OidcProvider idp = new OidcProvider(true)) {
            AuthVerifier verifier = ServerAuth.verifier(ServerConfig.loopback("", dir.resolve("tls"))
                    .withAuth(serverAuth(idp, Set.of(AuthScope.HEARTBEATS))));
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
            String forged = OidcProvider.sign(stranger, idp.issuer(), OidcProvider.AUDIENCE, Duration.ofHours(1));
            assertThat(catchThrowableOfType(() -> verifier.verifyLogin(Login.builder().build().withAuth(forged, 0)),
                    AuthenticationException.class)).hasMessageStartingWith("invalid OIDC token in login: ");

            String otherAudience = OidcProvider.sign(idp.key(), idp.issuer(), "someone-else", Duration.ofHours(1));
            assertThat(catchThrowableOfType(() -> verifier.verifyLogin(Login.builder().build().withAuth(otherAudience, 0)),
                    AuthenticationException.class)).hasMessageContaining("expected audience \"frps\"");

            String expired = OidcProvider.sign(idp.key(), idp.issuer(), OidcProvider.AUDIENCE, Duration.ofSeconds(-5));
            assertThat(catchThrowableOfType(() -> verifier.verifyLogin(Login.builder().build().withAuth(expired, 0)),
                    AuthenticationException.class)).hasMessageContaining("token is expired");

            String good = OidcProvider.sign(idp.key(), idp.issuer(), OidcProvider.AUDIENCE, Duration.ofHours(1));
            // a heartbeat before any login of its subject is refused; after one it passes
            assertThat(catchThrowableOfType(() -> verifier.verifyPing(Ping.EMPTY.withAuth(good, 0)),
                    AuthenticationException.class)).hasMessageContaining("different OIDC subject");
            verifier.verifyLogin(Login.builder().build().withAuth(good, 0));
            verifier.verifyPing(Ping.EMPTY.withAuth(good, 0));
        }
    }

    @Test
    void withoutExpiresInEveryMessageGetsAFreshTokenAndWithItTheTokenIsReused() throws Exception {
        try (OidcProvider noExpiry = new OidcProvider(false); OidcProvider withExpiry = new OidcProvider(true)) {
            OidcTokenSigner fresh = new OidcTokenSigner(clientAuth(noExpiry, OidcProvider.CLIENT_SECRET,
                    Set.of(AuthScope.HEARTBEATS)).oidc(), Set.of(AuthScope.HEARTBEATS));
            fresh.sign(Login.builder().build());
            fresh.sign(Ping.EMPTY);
            fresh.sign(Ping.EMPTY);
            assertThat(noExpiry.tokensGiven()).isEqualTo(3);

            OidcTokenSigner cached = new OidcTokenSigner(clientAuth(withExpiry, OidcProvider.CLIENT_SECRET,
                    Set.of(AuthScope.HEARTBEATS)).oidc(), Set.of(AuthScope.HEARTBEATS));
            Login login = cached.sign(Login.builder().build());
            Ping ping = cached.sign(Ping.EMPTY);
            assertThat(withExpiry.tokensGiven()).isEqualTo(1);
            assertThat(ping.privilegeKey()).isEqualTo(login.privilegeKey()).isNotEmpty();
        }
    }
}
