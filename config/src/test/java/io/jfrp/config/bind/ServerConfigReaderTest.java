package io.jfrp.config.bind;

import io.jfrp.config.ConfigLoader;
import io.jfrp.config.TestConfigs;
import io.jfrp.config.cli.CliProgram;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.protocol.auth.AuthScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** frps keys to the ServerConfig, through real files so that the keys are the ones users write. */
class ServerConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void vhostKeysBecomeTheVhostConfig() throws IOException {
        ServerConfig o = TestConfigs.server(dir, """
                vhostHTTPPort = 8080
                vhostHTTPSPort = 8443
                tcpmuxHTTPConnectPort = 1337
                tcpmuxPassthrough = true
                vhostHTTPTimeout = 9
                subDomainHost = "Example.NET"
                custom404Page = "404.html"
                """);
        assertThat(o.vhost()).isEqualTo(new VhostConfig(8080, 8443, 1337, true, "example.net",
                Duration.ofSeconds(9), Path.of("404.html")));
        assertThat(TestConfigs.server(dir, "").vhost()).isEqualTo(VhostConfig.OFF);
    }

    @Test
    void everyMappedKey() throws IOException {
        ServerConfig o = TestConfigs.server(dir, """
                bindAddr = "127.0.0.1"
                bindPort = 7100
                proxyBindAddr = "127.0.0.2"
                auth.token = "s3cret"
                auth.additionalScopes = ["HeartBeats", "NewWorkConns"]
                transport.tcpMux = true
                transport.tcpMuxKeepaliveInterval = 20
                transport.maxPoolCount = 8
                transport.heartbeatTimeout = 60
                transport.tls.force = true
                transport.tls.certFile = "server.crt"
                transport.tls.keyFile = "server.key"
                transport.tls.trustedCaFile = "ca.crt"
                allowPorts = [{ start = 2000, end = 3000 }, { single = 3001 }]
                maxPortsPerClient = 4
                userConnTimeout = 15
                jfrp.loginMaxSkew = 120
                jfrp.mux.max-frame-size = "8KiB"
                """);

        assertThat(o.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(o.bindPort()).isEqualTo(7100);
        assertThat(o.proxyBindAddr()).isEqualTo("127.0.0.2");
        assertThat(o.auth().token()).isEqualTo("s3cret");
        assertThat(o.auth().additionalScopes()).containsExactlyInAnyOrder(AuthScope.HEARTBEATS, AuthScope.NEW_WORK_CONNS);
        assertThat(o.tcpMux()).isTrue();
        assertThat(o.maxPoolCount()).isEqualTo(8);
        assertThat(o.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.tls().force()).isTrue();
        assertThat(o.tls().certFile()).isEqualTo(Path.of("server.crt"));
        assertThat(o.tls().keyFile()).isEqualTo(Path.of("server.key"));
        assertThat(o.tls().trustedCaFile()).isEqualTo(Path.of("ca.crt"));
        assertThat(o.maxPortsPerClient()).isEqualTo(4);
        assertThat(o.userConnTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(o.loginMaxSkew()).isEqualTo(Duration.ofMinutes(2));

        assertThat(o.allowPorts().allows(2000)).isTrue();
        assertThat(o.allowPorts().allows(3000)).isTrue();
        assertThat(o.allowPorts().allows(3001)).isTrue();
        assertThat(o.allowPorts().allows(3002)).isFalse();
        assertThat(o.allowPorts().allows(1999)).isFalse();

        assertThat(o.mux().keepaliveInterval()).as("transport.tcpMuxKeepaliveInterval").isEqualTo(Duration.ofSeconds(20));
        assertThat(o.mux().keepaliveTimeout()).isEqualTo(YamuxConfig.defaults().keepaliveTimeout());
        assertThat(o.mux().maxFrameSize()).isEqualTo(8 * 1024);
    }

    @Test
    void frpDefaults() throws IOException {
        ServerConfig o = TestConfigs.server(dir, "");

        assertThat(o.bindAddr()).isEqualTo("0.0.0.0");
        assertThat(o.bindPort()).isEqualTo(7000);
        assertThat(o.proxyBindAddr()).isEqualTo("0.0.0.0");
        assertThat(o.auth().token()).isEmpty();
        assertThat(o.auth().additionalScopes()).isEmpty();
        assertThat(o.tls().force()).isFalse();
        assertThat(o.tls().certFile()).isNull();
        assertThat(o.tls().keyFile()).isNull();
        assertThat(o.tls().trustedCaFile()).isNull();
        assertThat(o.maxPoolCount()).isEqualTo(5);
        assertThat(o.maxPortsPerClient()).isZero();
        assertThat(o.allowPorts().allows(1)).isTrue();
        assertThat(o.allowPorts().allows(65535)).isTrue();
        assertThat(o.userConnTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.heartbeatTimeout()).as("off with tcpMux").isEqualTo(Duration.ZERO);
        assertThat(o.loginMaxSkew()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.mux().keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.tls().selfSignedDir()).isEqualTo(dir.resolve(".jfrps-tls"));
    }

    @Test
    void heartbeatTimeoutFollowsFrp() throws IOException {
        assertThat(TestConfigs.server(dir, "transport.tcpMux = false\n").heartbeatTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(TestConfigs.server(dir, "transport.tcpMux = false\ntransport.heartbeatTimeout = -1\n").heartbeatTimeout())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void keepaliveComesFromFrpsKeyAndANegativeOneTurnsItOff() {
        // The validator refuses a negative tcpMuxKeepaliveInterval; the mapping still never passes one on.
        assertThat(SettingReads.mux(ConfigFactory.parseString("transport.tcpMuxKeepaliveInterval = -1"))
                .keepaliveInterval()).isEqualTo(Duration.ZERO);
        assertThat(SettingReads.mux(ConfigFactory.parseString("transport.tcpMuxKeepaliveInterval = 45\n"
                + "jfrp.mux { keepalive-interval = 5s, keepalive-timeout = 3s }"))).satisfies(m -> {
                    assertThat(m.keepaliveInterval()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(m.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void selfSignedDirIsNextToTheFileUnlessConfigured() throws IOException {
        Path absolute = dir.resolve("elsewhere").toAbsolutePath();

        assertThat(TestConfigs.server(dir, "jfrp.selfSignedDir = \"tls\"\n").tls().selfSignedDir()).isEqualTo(dir.resolve("tls"));
        assertThat(TestConfigs.server(dir, "jfrp.selfSignedDir = \"" + absolute + "\"\n").tls().selfSignedDir()).isEqualTo(absolute);
        assertThat(ServerConfigReader.selfSignedDir(ConfigFactory.empty(), Path.of("frps.toml")))
                .isEqualTo(Path.of("").toAbsolutePath().resolve(".jfrps-tls"));
    }

    /**
     * jfrps run with frps's flags alone has no file to keep its certificate next to: rather than
     * writing .jfrps-tls into whatever directory it was started from, it keeps one in memory, as frps.
     */
    @Test
    void withFlagsAloneTheSelfSignedCertificateHasNoDirectory() {
        ServerConfig o = ConfigLoader.forServer(ConfigFactory.defaultReference())
                .loadSettings(Map.of("bindPort", 7000), CliProgram.COMMAND_LINE).serverConfig();

        assertThat(o.bindPort()).isEqualTo(7000);
        assertThat(o.tls().selfSignedDir()).isNull();
    }

    @Test
    void aMuxValueOutOfRangeIsAnError() throws IOException {
        assertThatThrownBy(() -> TestConfigs.server(dir, "jfrp.mux.max-frame-size = \"1MiB\"\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jfrp.mux.max-frame-size");
    }
}
