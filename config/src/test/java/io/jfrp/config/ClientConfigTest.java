package io.jfrp.config;

import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.LogSettings;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.config.model.proxy.HealthCheck;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.testkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class ClientConfigTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.forClient(ConfigFactory.defaultReference());

    /** A frpc.toml in the shape frp documents (conf/frpc_full_example.toml), with values of our own: frpc-full.toml. */
    static final String FRPC_TOML = TestFiles.resource(ClientConfigTest.class, "frpc-full.toml");

    /** {@link #FRPC_TOML} as jfrp runs it: all of it (client metadata, a bandwidth limit, udp, a visitor). */
    static final String FRPC_TOML_JFRP_RUNS = FRPC_TOML;

    @Test
    void frpcTomlAsFrpDocumentsItMapsToTheSettings() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frpc.toml", FRPC_TOML_JFRP_RUNS));
        ClientConfig c = loaded.clientConfig();

        assertThat(c.user()).isEqualTo("alice");
        assertThat(c.serverAddr()).isEqualTo("frps.example.net");
        assertThat(c.serverPort()).isEqualTo(7100);
        assertThat(c.loginFailExit()).isFalse();
        assertThat(c.auth().token()).isEqualTo("s3cret");
        assertThat(c.auth().additionalScopes()).containsExactly(AuthScope.HEARTBEATS);
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.poolCount()).isEqualTo(3);
        assertThat(c.tcpMux()).isTrue();
        assertThat(c.mux().keepaliveInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(c.dialServerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.tls().enable()).isTrue();
        assertThat(c.tls().trustedCaFile()).isEqualTo(Path.of("ca.crt"));
        assertThat(c.tls().serverName()).isEqualTo("frps.internal");
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ZERO);

        assertThat(c.proxies()).containsExactly(
                ProxyBuilder.tcp("ssh", "127.0.0.1", 22, 6000).wrapping(true, true).build(),
                ProxyBuilder.tcp("db", "10.0.0.5", 5432, 0)
                        .transport(new ProxyTransport(false, false, "1MB", "client", "")).build(),
                ProxyBuilder.udp("dns", "1.1.1.1", 53, 6002).build(),
                ProxyBuilder.http("web", "127.0.0.1", 80, "www.example.net").build());
        assertThat(c.visitors()).containsExactly(VisitorBuilder.stcp("secret_visitor", "secret", "abc", 9000).build());
        assertThat(c.udpPacketSize()).isEqualTo(1500);
        assertThat(c.proxies().get(0).wireName(c.user())).isEqualTo("alice.ssh");
        assertThat(c.metadatas()).containsExactly(java.util.Map.entry("team", "infra"));

        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void anXtcpVisitorIsReadWithItsKeys() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frpc.toml", "natHoleStunServer = \"stun.example.net:3478\"\n"
                + FRPC_TOML + """

                [[visitors]]
                name = "p2p_visitor"
                type = "xtcp"
                serverName = "p2p"
                secretKey = "abc"
                bindPort = 9001
                protocol = "kcp"
                keepTunnelOpen = true
                fallbackTo = "secret_visitor"
                fallbackTimeoutMs = 500
                """));

        assertThat(loaded.clientConfig().natHoleStunServer()).isEqualTo("stun.example.net:3478");
        assertThat(loaded.clientConfig().visitors()).last().isInstanceOfSatisfying(
                io.jfrp.config.model.visitor.XtcpVisitorConfig.class, v -> {
                    assertThat(v.protocol()).isEqualTo("kcp");
                    assertThat(v.keepTunnelOpen()).isTrue();
                    assertThat(v.fallbackTo()).isEqualTo("secret_visitor");
                    assertThat(v.fallbackTimeoutMs()).isEqualTo(500);
                    assertThat(v.maxRetriesAnHour()).isEqualTo(8);
                    assertThat(v.minRetryInterval()).isEqualTo(90);
                });
    }

    @Test
    void operationsKeys() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", """
                webServer.addr = "0.0.0.0"
                webServer.port = 7400
                webServer.user = "admin"
                webServer.password = "pw"
                webServer.tls.certFile = "web.crt"
                webServer.tls.keyFile = "web.key"
                store.path = "./store.json"
                log.to = "/var/log/frpc.log"
                log.level = "debug"
                log.maxDays = 7
                log.disablePrintColor = true

                [[proxies]]
                name = "web"
                type = "http"
                localPort = 80
                customDomains = ["www.example.net"]
                healthCheck.type = "http"
                healthCheck.path = "/status"
                healthCheck.intervalSeconds = 2
                healthCheck.httpHeaders = [{ name = "Host", value = "svc.local" }]
                """)).clientConfig();

        assertThat(c.webServer()).isEqualTo(new WebServerSettings("0.0.0.0", 7400, "admin", "pw", "web.crt", "web.key"));
        assertThat(c.storePath()).isEqualTo("./store.json");
        assertThat(c.log()).isEqualTo(new LogSettings("/var/log/frpc.log", "debug", 7, true));
        assertThat(c.proxies().get(0).base().healthCheck()).isEqualTo(new HealthCheck("http", 3, 1, 2, "/status",
                List.of(new HealthCheck.Header("Host", "svc.local"))));
    }

    @Test
    void anHttpHealthCheckNeedsAPath() throws IOException {
        List<ConfigProblem> errors = ConfigProblems.refusing(loader, dir, "frpc.toml", """
                [[proxies]]
                name = "web"
                type = "tcp"
                localPort = 80
                healthCheck.type = "http"
                """);

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly(dir.resolve("frpc.toml")
                + ":5: 'proxies[0].healthCheck.path' must be set for an http health check (the path requested)");
    }

    @Test
    void anEmptyFileGivesFrpDefaults() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", "")).clientConfig();

        assertThat(c.serverAddr()).isEqualTo("0.0.0.0");
        assertThat(c.serverPort()).isEqualTo(7000);
        assertThat(c.user()).isEmpty();
        assertThat(c.loginFailExit()).isTrue();
        assertThat(c.poolCount()).as("frp v1 replaces 0 with 1").isEqualTo(1);
        assertThat(c.tcpMux()).isTrue();
        assertThat(c.mux().keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.dialServerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ZERO);
        assertThat(c.tls().enable()).isTrue();
        assertThat(c.tls().disableCustomTLSFirstByte()).isTrue();
        assertThat(c.tls().serverName()).isEqualTo("0.0.0.0");
        assertThat(c.proxies()).isEmpty();
    }

    @Test
    void withoutTcpMuxTheApplicationHeartbeatIsOn() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", "transport.tcpMux = false\ntransport.poolCount = 0\n"))
                .clientConfig();

        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.poolCount()).isEqualTo(1);
    }

    @Test
    void startAndEnabledChooseTheProxies() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", """
                start = ["a", "b"]
                [[proxies]]
                name = "a"
                type = "tcp"
                localPort = 1
                [[proxies]]
                name = "b"
                type = "tcp"
                localPort = 2
                enabled = false
                [[proxies]]
                name = "c"
                type = "tcp"
                localPort = 3
                """)).clientConfig();

        assertThat(c.proxies()).extracting(ProxyConfig::name).containsExactly("a");
    }

    @Test
    void theSameSettingsInHocon() throws IOException {
        String settingsAndSsh = """
                user = alice
                serverAddr = frps.example.net
                serverPort = 7100
                auth.token = s3cret
                transport { poolCount = 3, tls.enable = false }
                proxies = [
                  { name = ssh, type = tcp, localPort = 22, remotePort = 6000, transport.useEncryption = true }
                """;
        LoadedConfig loaded = loader.load(write(dir, "application.conf", settingsAndSsh + "]\n"));
        ClientConfig c = loaded.clientConfig();

        assertThat(c.serverAddr()).isEqualTo("frps.example.net");
        assertThat(c.serverPort()).isEqualTo(7100);
        assertThat(c.tls().enable()).isFalse();
        assertThat(c.poolCount()).isEqualTo(3);
        assertThat(c.proxies()).containsExactly(ProxyBuilder.tcp("ssh", "127.0.0.1", 22, 6000).wrapping(true, false).build());
        assertThat(loaded.warnings()).isEmpty();

        List<ConfigProblem> errors = ConfigProblems.refusing(loader, dir, "udp.conf", """
                user = alice
                serverAddr = frps.example.net
                serverPort = 7100
                auth.token = s3cret
                transport { poolCount = 3, tls.enable = false }
                dnsServer = "8.8.8.8"
                proxies = [
                  { name = ssh, type = tcp, localPort = 22, remotePort = 6000, transport.useEncryption = true }
                ]
                """);
        assertThat(errors).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(6);
            assertThat(w.message()).contains("'dnsServer'");
        });
    }

    @Test
    void legacyIniWithProxiesAndRanges() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frpc.ini", """
                [common]
                server_addr = frps.example.net
                server_port = 7100
                token = s3cret
                user = alice
                pool_count = 2
                tls_enable = false
                login_fail_exit = false
                heartbeat_interval = 20
                heartbeat_timeout = 60
                tcp_mux = false

                [ssh]
                type = tcp
                local_ip = 127.0.0.1
                local_port = 22
                remote_port = 6000
                use_encryption = true
                use_compression = true

                [range:game]
                local_port = 7001-7002,7005
                remote_port = 8001-8002,8005

                [web]
                type = http
                local_port = 80
                custom_domains = www.example.net, example.net
                remote_port = 8080
                """));
        ClientConfig c = loaded.clientConfig();

        assertThat(loaded.format()).isEqualTo(ConfigFormat.LEGACY_INI);
        assertThat(c.serverAddr()).isEqualTo("frps.example.net");
        assertThat(c.serverPort()).isEqualTo(7100);
        assertThat(c.auth().token()).isEqualTo("s3cret");
        assertThat(c.user()).isEqualTo("alice");
        assertThat(c.poolCount()).isEqualTo(2);
        assertThat(c.tls().enable()).isFalse();
        assertThat(c.loginFailExit()).isFalse();
        assertThat(c.tcpMux()).isFalse();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.proxies()).containsExactly(
                ProxyBuilder.tcp("ssh", "127.0.0.1", 22, 6000).wrapping(true, true).build(),
                ProxyBuilder.tcp("game_0", "127.0.0.1", 7001, 8001).build(),
                ProxyBuilder.tcp("game_1", "127.0.0.1", 7002, 8002).build(),
                ProxyBuilder.tcp("game_2", "127.0.0.1", 7005, 8005).build(),
                ProxyBuilder.http("web", "127.0.0.1", 80, "www.example.net", "example.net").build());
        assertThat(loaded.warnings()).extracting(ConfigProblem::message).containsExactly(
                "[web]: 'remote_port' does not apply to type 'http' and is ignored (frp ignores it too)");
    }

    @Test
    void keysMatchIgnoringCaseAsInFrpWithAWarning() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frpc.toml", """
                serveraddr = "frps.example.net"
                [[proxies]]
                name = "ssh"
                type = "tcp"
                localIp = "127.0.0.9"
                localPort = 22
                """));

        assertThat(loaded.clientConfig().serverAddr()).isEqualTo("frps.example.net");
        assertThat(loaded.clientConfig().proxies().get(0).base().localIP()).isEqualTo("127.0.0.9");
        assertThat(loaded.warnings()).extracting(ConfigProblem::message).containsExactly(
                "key 'serveraddr' is read as 'serverAddr' (frp ignores the case of key names); please write 'serverAddr'",
                "key 'proxies[0].localIp' is read as 'proxies[0].localIP' (frp ignores the case of key names); please write 'proxies[0].localIP'");
    }

    @Test
    void environmentTemplatesInIni() throws IOException {
        ClientConfig c = loader.withEnvironment(Map.of("FRP_SERVER", "10.9.8.7"))
                .load(write(dir, "frpc.ini", "[common]\nserver_addr = {{ .Envs.FRP_SERVER }}\n")).clientConfig();

        assertThat(c.serverAddr()).isEqualTo("10.9.8.7");
    }
}
