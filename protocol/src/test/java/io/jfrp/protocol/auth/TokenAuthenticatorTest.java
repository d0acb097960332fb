package io.jfrp.protocol.auth;

import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.NewVisitorConn;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenAuthenticatorTest {
    private static final long NOW = 1_700_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private static TokenAuthenticator auth(String token, Set<AuthScope> scopes) {
        return new TokenAuthenticator(token, scopes, WINDOW, CLOCK);
    }

    private static Login login(String token, long ts) {
        return Login.builder().version("0.61.1").privilegeKey(AuthKeys.privilegeKey(token, ts)).timestamp(ts).build();
    }

    @Test
    void signedLoginVerifies() throws Exception {
        TokenAuthenticator a = auth("abc", Set.of());
        Login signed = a.sign(Login.builder().version("0.61.1").build());
        assertThat(signed.timestamp()).isEqualTo(NOW);
        assertThat(signed.privilegeKey()).isEqualTo("22bd6333f840eeeee03ad14f75fd96ac");
        a.verifyLogin(signed);
        auth("", Set.of()).verifyLogin(login("", NOW));
    }

    @Test
    void wrongTokenIsRefusedWithFrpsWording() {
        assertThatThrownBy(() -> auth("abc", Set.of()).verifyLogin(login("abd", NOW)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.responseError(true)).isEqualTo("token in login doesn't match token from configuration");
                    assertThat(e.responseError(false)).isEqualTo("register control error");
                    assertThat(e.getMessage()).contains("login").contains(Long.toString(NOW)).doesNotContain("abc");
                });
        assertThatThrownBy(() -> auth("abc", Set.of()).verifyLogin(Login.builder().build()))
                .hasMessageContaining("no key");
    }

    @Test
    void staleOrFutureTimestampsAreRefused() throws Exception {
        TokenAuthenticator a = auth("abc", Set.of());
        a.verifyLogin(login("abc", NOW - 300));
        a.verifyLogin(login("abc", NOW + 300));
        assertThatThrownBy(() -> a.verifyLogin(login("abc", NOW - 301)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.getMessage()).contains("behind").contains("300 s");
                    assertThat(e.responseError(true)).contains("too far from the server's time");
                    assertThat(e.responseError(false)).isEqualTo("register control error");
                });
        assertThatThrownBy(() -> a.verifyLogin(login("abc", NOW + 301))).hasMessageContaining("ahead of");
        assertThatThrownBy(() -> a.verifyLogin(login("abc", Long.MIN_VALUE))).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> a.verifyLogin(login("abc", Long.MAX_VALUE))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void zeroWindowIsStockBehaviour() throws Exception {
        new TokenAuthenticator("abc", Set.of(), Duration.ZERO, CLOCK).verifyLogin(login("abc", 1));
    }

    @Test
    void pingAndNewWorkConnAreCheckedOnlyInScope() throws Exception {
        TokenAuthenticator none = auth("abc", Set.of());
        none.verifyPing(Ping.EMPTY);
        none.verifyNewWorkConn(NewWorkConn.of("run"));
        assertThat(none.sign(Ping.EMPTY)).isEqualTo(Ping.EMPTY);
        assertThat(none.sign(NewWorkConn.of("run"))).isEqualTo(NewWorkConn.of("run"));

        TokenAuthenticator both = auth("abc", EnumSet.allOf(AuthScope.class));
        both.verifyPing(both.sign(Ping.EMPTY));
        both.verifyNewWorkConn(both.sign(NewWorkConn.of("run")));
        assertThatThrownBy(() -> both.verifyPing(Ping.EMPTY)).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.responseError(true)).isEqualTo("token in heartbeat doesn't match token from configuration");
            assertThat(e.responseError(false)).isEqualTo("invalid ping");
        });
        assertThatThrownBy(() -> both.verifyNewWorkConn(new NewWorkConn("run", AuthKeys.privilegeKey("x", NOW), NOW)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.responseError(true)).isEqualTo("token in NewWorkConn doesn't match token from configuration");
                    assertThat(e.responseError(false)).isEqualTo("invalid NewWorkConn");
                });
    }

    @Test
    void visitorSignKeyIsCheckedAgainstTheProxySecret() {
        VisitorAuthenticator a = new VisitorAuthenticator(WINDOW, CLOCK);
        NewVisitorConn good = a.sign(new NewVisitorConn("run", "alice.secret", "", 0, true, false), "sk");
        assertThat(good.signKey()).isEqualTo(AuthKeys.signKey("sk", NOW));
        assertThat(good.timestamp()).isEqualTo(NOW);
        assertThat(good.useEncryption()).isTrue();
        assertThatCode(() -> a.verify(good, "sk")).doesNotThrowAnyException();
        assertThatThrownBy(() -> a.verify(good, "other"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.responseError(true)).isEqualTo("visitor connection of [alice.secret] auth failed");
                    assertThat(e.responseError(false)).isEqualTo("register visitor conn error");
                });
        NewVisitorConn stale = new NewVisitorConn("run", "p", AuthKeys.signKey("sk", NOW - 3600), NOW - 3600, false, false);
        assertThatThrownBy(() -> a.verify(stale, "sk")).hasMessageContaining("behind");
        assertThatCode(() -> new VisitorAuthenticator(Duration.ZERO, CLOCK).verify(stale, "sk")).doesNotThrowAnyException();
    }

    @Test
    void negativeWindowIsRefused() {
        assertThatThrownBy(() -> new TokenAuthenticator("t", Set.of(), Duration.ofSeconds(-1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopesParseFromFrpConfigNames() {
        assertThat(AuthScope.fromConfigName("HeartBeats")).isEqualTo(AuthScope.HEARTBEATS);
        assertThat(AuthScope.fromConfigName("newworkconns")).isEqualTo(AuthScope.NEW_WORK_CONNS);
        assertThatThrownBy(() -> AuthScope.fromConfigName("Pings")).isInstanceOf(IllegalArgumentException.class);
    }
}
