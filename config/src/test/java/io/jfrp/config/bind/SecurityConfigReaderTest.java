package io.jfrp.config.bind;

import io.jfrp.config.ConfigLoader;
import io.jfrp.config.ConfigProblem;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.TestConfigs;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.LoginBackoff;
import io.jfrp.config.model.PreAuthLimits;
import io.jfrp.config.model.PublicLimits;
import io.jfrp.config.model.SecurityConfig;
import io.jfrp.config.model.ServerUser;
import io.jfrp.config.model.proxy.ProxyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jfrp.security and jfrp.users in a real frps.toml, to the SecurityConfig; the users table's rules. */
class SecurityConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheKeysTheDefaultsOfReferenceConfApply() throws IOException {
        assertThat(TestConfigs.server(dir, "").security()).isEqualTo(SecurityConfig.DEFAULTS);
    }

    @Test
    void everySecurityKey() throws IOException {
        SecurityConfig s = TestConfigs.server(dir, """
                [jfrp.security]
                firstByteTimeout = "2s"
                tlsHandshakeTimeout = "3s"
                firstMessageTimeout = "4s"
                loginTimeout = "5s"
                maxUnauthenticatedConnections = 100
                maxUnauthenticatedPerAddress = 7
                maxStreamsBeforeLogin = 2
                loginFailureLimit = 3
                loginFailureWindow = "30s"
                loginBackoff = "10s"
                maxLoginBackoff = "1h"
                workConnSameAddress = false
                maxProxiesPerClient = 12
                httpRequestHeadTimeout = "6s"
                httpMaxHeaders = 50
                maxPublicConnectionsPerAddress = 9
                loginReplayGrace = "0s"
                """).security();
        assertThat(s.preAuth()).isEqualTo(new PreAuthLimits(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4), Duration.ofSeconds(5), 100, 7, 2));
        assertThat(s.loginBackoff()).isEqualTo(new LoginBackoff(3, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofHours(1)));
        assertThat(s.workConnSameAddress()).isFalse();
        assertThat(s.maxProxiesPerClient()).isEqualTo(12);
        assertThat(s.publicSide()).isEqualTo(new PublicLimits(Duration.ofSeconds(6), 50, 9));
        assertThat(s.loginReplayGrace()).isZero();
    }

    @Test
    void usersFromTomlArrayOfTables() throws IOException {
        List<ServerUser> users = TestConfigs.server(dir, """
                transport.tls.trustedCaFile = "ca.crt"
                [[jfrp.users]]
                name = "alice"
                token = "a-secret"
                allowPorts = [{ start = 6000, end = 6009 }]
                domains = ["Alice.Example.org", "*.alice.example.org"]
                proxyTypes = ["tcp", "http"]
                [[jfrp.users]]
                name = "bob"
                certSubject = "CN=bob,O=example"
                """).security().users();
        assertThat(users).hasSize(2);
        ServerUser alice = users.get(0);
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.token()).isEqualTo("a-secret");
        assertThat(alice.allowPorts().allows(6009)).isTrue();
        assertThat(alice.allowPorts().allows(6010)).isFalse();
        assertThat(alice.domains()).containsExactly("alice.example.org", "*.alice.example.org");
        assertThat(alice.proxyTypes()).containsExactlyInAnyOrder(ProxyType.TCP, ProxyType.HTTP);
        assertThat(alice.toString()).doesNotContain("a-secret");
        ServerUser bob = users.get(1);
        assertThat(bob.token()).isEmpty();
        assertThat(bob.certSubject()).isEqualTo("CN=bob,O=example");
        assertThat(bob.allowPorts().allows(1)).isTrue();
        assertThat(bob.domains()).isEmpty();
        assertThat(bob.proxyTypes()).isEmpty();
    }

    @Test
    void usersTableErrorsNameTheElementAndTheKey() throws IOException {
        Path file = write(dir, "frps.toml", """
                [[jfrp.users]]
                name = "alice"
                token = "x"
                tokn = "typo"
                [[jfrp.users]]
                name = "alice"
                token = "y"
                [[jfrp.users]]
                name = "with.dot"
                token = "z"
                [[jfrp.users]]
                name = "nocredential"
                proxyTypes = ["tcp", "ftp"]
                [[jfrp.users]]
                name = "cert"
                certSubject = "CN=cert"
                """);
        InvalidConfigException e = (InvalidConfigException) org.assertj.core.api.Assertions.catchThrowable(() ->
                ConfigLoader.forServer(ConfigFactory.defaultReference()).load(file));
        assertThat(e.errors()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "unknown key 'jfrp.users[0].tokn' (did you mean 'token'?)",
                "'jfrp.users[1].name': user 'alice' is listed twice",
                "'jfrp.users[2].name' = 'with.dot': 1 to 64 letters, digits, '_' or '-' (it prefixes proxy names, so no dot)",
                "'jfrp.users[3]': user 'nocredential' needs a 'token' or a 'certSubject'",
                "'jfrp.users[3].proxyTypes[1]': expected one of 'http', 'https', 'stcp', 'sudp', 'tcp', 'tcpmux', 'udp',"
                        + " 'xtcp', got 'ftp' (did you mean 'tcp'?)",
                "'jfrp.users[4].certSubject' needs client certificates: set transport.tls.trustedCaFile");
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        assertThatThrownBy(() -> TestConfigs.server(dir, "jfrp.security.maxStreamsBeforeLogin = 0\n"))
                .hasMessageContaining("jfrp.security.maxStreamsBeforeLogin must be at least 1");
        assertThatThrownBy(() -> TestConfigs.server(dir, "jfrp.security.loginTimeout = \"0s\"\n"))
                .hasMessageContaining("jfrp.security.loginTimeout must be positive");
    }

    @Test
    void theAutomaticLimitFollowsTheOpenFileLimit() {
        PreAuthLimits auto = PreAuthLimits.DEFAULTS;
        assertThat(auto.effectiveMaxConnections(1024)).isEqualTo(256);
        assertThat(auto.effectiveMaxConnections(1_048_576)).isEqualTo(PreAuthLimits.AUTO_MAX_CONNECTIONS_CAP);
        assertThat(auto.effectiveMaxConnections(32)).isEqualTo(16);
        assertThat(auto.effectiveMaxConnections(-1)).isEqualTo(PreAuthLimits.AUTO_MAX_CONNECTIONS_CAP);
        assertThat(auto.withCounts(10, 1).effectiveMaxConnections(1024)).isEqualTo(10);
    }
}
