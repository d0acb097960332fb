package io.jfrp.config;

import io.jfrp.config.model.HttpPluginConfig;
import io.jfrp.config.model.LogSettings;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.WebServerSettings;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.jfrp.protocol.auth.AuthScope;
import io.jfrp.testkit.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.forServer(ConfigFactory.defaultReference());

    /** A frps.toml in the shape frp documents (conf/frps_full_example.toml), with values of our own: frps-full.toml. */
    static final String FRPS_TOML = TestFiles.resource(ServerConfigTest.class, "frps-full.toml");

    /** {@link #FRPS_TOML} without the keys jfrp does not implement (NAT hole data, Go's profiler). */
    static final String FRPS_TOML_JFRP_RUNS = FRPS_TOML.replace("transport.tcpKeepalive = 60\n", "")
            .replace("webServer.pprofEnable = true\n", "");

    @Test
    void frpsTomlAsFrpDocumentsItMapsToTheSettings() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frps.toml", FRPS_TOML_JFRP_RUNS));
        ServerConfig s = loaded.serverConfig();

        assertThat(loaded.format()).isEqualTo(ConfigFormat.TOML);
        assertThat(s.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(s.bindPort()).isEqualTo(7100);
        assertThat(s.proxyBindAddr()).isEqualTo("127.0.0.2");
        assertThat(s.maxPoolCount()).isEqualTo(8);
        assertThat(s.tcpMux()).isTrue();
        assertThat(s.mux().keepaliveInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.tls().force()).isTrue();
        assertThat(s.tls().certFile()).isEqualTo(Path.of("server.crt"));
        assertThat(s.tls().keyFile()).isEqualTo(Path.of("server.key"));
        assertThat(s.tls().trustedCaFile()).isNull();
        assertThat(s.logLevel()).isEqualTo("debug");
        assertThat(s.auth().token()).isEqualTo("s3cret");
        assertThat(s.auth().additionalScopes()).containsExactlyInAnyOrder(AuthScope.HEARTBEATS, AuthScope.NEW_WORK_CONNS);
        assertThat(s.userConnTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.allowPorts().toString()).isEqualTo("2000-3000,3001,3003");
        assertThat(s.allowPorts().allows(2500)).isTrue();
        assertThat(s.allowPorts().allows(3002)).isFalse();
        assertThat(s.maxPortsPerClient()).isEqualTo(4);
        assertThat(s.loginMaxSkew()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.webServer()).isEqualTo(WebServerSettings.plain("127.0.0.1", 7500));
        assertThat(s.enablePrometheus()).isFalse();
        assertThat(s.log()).isEqualTo(new LogSettings("console", "debug", 3, false));

        assertThat(s.udpPacketSize()).isEqualTo(1500);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void frpKeysJfrpDoesNotImplementAreErrorsWithTheirLines() throws IOException {
        List<ConfigProblem> errors = ConfigProblems.refusing(loader, dir, "frps.toml", FRPS_TOML);

        assertThat(errors).extracting(ConfigProblem::key).containsExactly("transport.tcpKeepalive",
                "webServer.pprofEnable");
        assertThat(errors.get(0).toString()).isEqualTo(dir.resolve("frps.toml") + ":4: "
                + "'transport.tcpKeepalive' is an frp key jfrp does not implement yet");
    }

    @Test
    void anEmptyFileGivesFrpDefaults() throws IOException {
        ServerConfig s = loader.load(write(dir, "frps.toml", "")).serverConfig();

        assertThat(s.bindAddr()).isEqualTo("0.0.0.0");
        assertThat(s.bindPort()).isEqualTo(7000);
        assertThat(s.proxyBindAddr()).isEqualTo("0.0.0.0");
        assertThat(s.maxPoolCount()).isEqualTo(5);
        assertThat(s.userConnTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.tcpMux()).isTrue();
        assertThat(s.mux().keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ZERO); // -1 with tcpMux
        assertThat(s.tls().force()).isFalse();
        assertThat(s.tls().certFile()).isNull();
        assertThat(s.allowPorts().isUnrestricted()).isTrue();
        assertThat(s.maxPortsPerClient()).isZero();
        assertThat(s.auth().token()).isEmpty();
        assertThat(s.auth().additionalScopes()).isEmpty();
        assertThat(s.logLevel()).isEqualTo("info");
    }

    @Test
    void derivedDefaultsFollowFrp() throws IOException {
        ServerConfig s = loader.load(write(dir, "frps.toml", """
                bindAddr = "10.1.2.3"
                transport.tcpMux = false
                transport.tls.trustedCaFile = "ca.crt"
                transport.tls.certFile = "s.crt"
                transport.tls.keyFile = "s.key"
                """)).serverConfig();

        assertThat(s.proxyBindAddr()).isEqualTo("10.1.2.3");
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.tls().force()).as("trustedCaFile implies tls.force").isTrue();
    }

    @Test
    void zeroOrEmptyMeansTheDefaultAsInFrp() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frps.toml", """
                bindPort = 0
                bindAddr = ""
                transport.maxPoolCount = 0
                userConnTimeout = 0
                transport.heartbeatTimeout = -1
                """));
        ServerConfig s = loaded.serverConfig();

        assertThat(s.bindPort()).isEqualTo(7000);
        assertThat(s.bindAddr()).isEqualTo("0.0.0.0");
        assertThat(s.maxPoolCount()).isEqualTo(5);
        assertThat(s.userConnTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ZERO);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void theSameSettingsInHoconGiveTheSameResult() throws IOException {
        ServerConfig fromToml = loader.load(write(dir, "frps.toml", FRPS_TOML_JFRP_RUNS)).serverConfig();
        LoadedConfig hocon = loader.load(write(dir, "application.conf", """
                # application.conf: frp's key names at the top level
                bindAddr = "127.0.0.1"
                bindPort = 7100
                proxyBindAddr = "127.0.0.2"
                transport {
                  maxPoolCount = 8
                  tcpMux = true
                  tcpMuxKeepaliveInterval = 20s   // a HOCON duration works too
                  heartbeatTimeout = 60
                  tls { force = true, certFile = "server.crt", keyFile = "server.key" }
                }
                webServer { addr = "127.0.0.1", port = 7500 }
                log { level = debug, maxDays = 3 }
                auth {
                  method = token
                  additionalScopes = [HeartBeats, NewWorkConns]
                  token = ${?NO_SUCH_VARIABLE_IN_THIS_TEST}
                  token = "s3cret"
                }
                userConnTimeout = 15
                allowPorts = [{ start = 2000, end = 3000 }, { single = 3001 }, { single = 3003 }]
                maxPortsPerClient = 4
                udpPacketSize = 1500
                """));
        ServerConfig s = hocon.serverConfig();

        assertThat(hocon.format()).isEqualTo(ConfigFormat.HOCON);
        assertThat(s).usingRecursiveComparison().ignoringFields("config", "jfrp").isEqualTo(fromToml);
        assertThat(hocon.warnings()).isEmpty();

        List<ConfigProblem> errors = ConfigProblems.refusing(loader, dir, "kcp.conf", """
                # application.conf: frp's key names at the top level
                bindAddr = "127.0.0.1"
                bindPort = 7100
                transport.tcpKeepalive = 60
                webServer { addr = "127.0.0.1", port = 7500, assetsDir = "/srv/ui" }
                """);
        assertThat(errors).extracting(ConfigProblem::key).containsExactly("transport.tcpKeepalive",
                "webServer.assetsDir");
        assertThat(errors.get(0).line()).isEqualTo(4);
    }

    @Test
    void legacyIniIsMappedToTheV1Keys() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frps.ini", """
                [common]
                bind_addr = 127.0.0.1
                bind_port = 7100
                proxy_bind_addr = 127.0.0.2
                token = s3cret
                authenticate_heartbeats = true
                authenticate_new_work_conns = false
                allow_ports = 2000-3000,3001,3003
                max_pool_count = 8
                max_ports_per_client = 4
                tls_only = true
                tcp_mux = false
                heartbeat_timeout = 45
                user_conn_timeout = 15
                log_level = debug
                log_way = console
                """));
        ServerConfig s = loaded.serverConfig();

        assertThat(loaded.format()).isEqualTo(ConfigFormat.LEGACY_INI);
        assertThat(s.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(s.bindPort()).isEqualTo(7100);
        assertThat(s.proxyBindAddr()).isEqualTo("127.0.0.2");
        assertThat(s.auth().token()).isEqualTo("s3cret");
        assertThat(s.auth().additionalScopes()).containsExactly(AuthScope.HEARTBEATS);
        assertThat(s.allowPorts().toString()).isEqualTo("2000-3000,3001,3003");
        assertThat(s.maxPoolCount()).isEqualTo(8);
        assertThat(s.maxPortsPerClient()).isEqualTo(4);
        assertThat(s.tls().force()).isTrue();
        assertThat(s.tcpMux()).isFalse();
        assertThat(s.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.userConnTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.logLevel()).isEqualTo("debug");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void unimplementedIniKeysAreErrorsInTheUsersTerms() throws IOException {
        List<ConfigProblem> errors = ConfigProblems.refusing(loader, dir, "frps.ini", """
                [common]
                bind_port = 7100
                dashboard_port = 7500
                assets_dir = /srv/ui

                [plugin.user-manager]
                addr = 127.0.0.1:9000
                path = /handler
                ops = Login
                """);

        assertThat(errors).extracting(ConfigProblem::message).containsExactly(
                "'assets_dir' (v1: webServer.assetsDir) is an frp key jfrp does not implement yet");
        assertThat(errors.get(0).line()).isEqualTo(4);
    }

    @Test
    void iniPluginSectionsAndTomlHttpPluginsBecomeServerPlugins() throws IOException {
        ServerConfig ini = loader.load(write(dir, "frps.ini", """
                [common]
                bind_port = 7100

                [plugin.user-manager]
                addr = 127.0.0.1:9000
                path = /handler
                ops = Login,NewProxy
                """)).serverConfig();
        assertThat(ini.httpPlugins().plugins()).containsExactly(new HttpPluginConfig("user-manager", "127.0.0.1:9000",
                "/handler", List.of("Login", "NewProxy"), false));

        ServerConfig toml = loader.load(write(dir, "frps.toml", """
                sshTunnelGateway.bindPort = 2200
                sshTunnelGateway.authorizedKeysFile = "keys"
                jfrp.httpPluginTimeout = 2
                [[httpPlugins]]
                name = "a"
                addr = "https://127.0.0.1:9000"
                path = "/a"
                ops = ["Ping"]
                tlsVerify = true
                [[httpPlugins]]
                name = "b"
                addr = "127.0.0.1:9001"
                path = "/b"
                ops = ["NewUserConn"]
                """)).serverConfig();
        assertThat(toml.httpPlugins().plugins()).extracting(HttpPluginConfig::name).containsExactly("a", "b");
        assertThat(toml.httpPlugins().plugins().get(0).tlsVerify()).isTrue();
        assertThat(toml.httpPlugins().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(toml.sshTunnelGateway().bindPort()).isEqualTo(2200);
        assertThat(toml.sshTunnelGateway().authorizedKeysFile()).isEqualTo(Path.of("keys"));
        assertThat(toml.sshTunnelGateway().autoGenPrivateKeyPath()).isEqualTo(Path.of("./.autogen_ssh_key"));
    }

    @Test
    void anIniFileNamedTomlIsReadAsIniAsFrpDoes() throws IOException {
        LoadedConfig loaded = loader.load(write(dir, "frps.toml", "[common]\nbind_port = 7300\n"));

        assertThat(loaded.format()).isEqualTo(ConfigFormat.LEGACY_INI);
        assertThat(loaded.serverConfig().bindPort()).isEqualTo(7300);
    }

    @Test
    void environmentVariablesAreRenderedAsFrpRendersThem() throws IOException {
        ConfigLoader withEnv = loader.withEnvironment(java.util.Map.of("FRP_TOKEN", "from-env", "FRP_PORT", "7400"));
        ServerConfig s = withEnv.load(write(dir, "frps.toml", """
                bindPort = {{ .Envs.FRP_PORT }}
                auth.token = "{{ .Envs.FRP_TOKEN }}"
                """)).serverConfig();

        assertThat(s.bindPort()).isEqualTo(7400);
        assertThat(s.auth().token()).isEqualTo("from-env");
    }

    @Test
    void muxBlockComesFromTheSharedDefaultsWithTheUsersOverrides() throws IOException {
        ConfigLoader withMux = ConfigLoader.forServer(muxReference());
        LoadedConfig loaded = withMux.load(write(dir, "frps.toml", """
                [jfrp.mux]
                max-frame-size = "32KiB"
                keepalive-interval = "45s"
                window-auto-tuning = "off"
                """));

        Config mux = loaded.config().getConfig("jfrp.mux");
        assertThat(mux.getBytes("max-frame-size")).isEqualTo(32 * 1024);
        assertThat(mux.getDuration("keepalive-interval")).isEqualTo(Duration.ofSeconds(45));
        assertThat(mux.getBoolean("window-auto-tuning")).isFalse();
        assertThat(mux.getInt("accept-backlog")).isEqualTo(256);
        assertThat(mux.getInt("flood.max-pings-per-second")).isEqualTo(100);
    }

    @Test
    void muxKeysAreCheckedAgainstTheMuxDefaults() throws IOException {
        ConfigLoader withMux = ConfigLoader.forServer(muxReference());
        Path f = write(dir, "frps.toml", """
                [jfrp.mux]
                max-frame-sise = "32KiB"
                keepalive-interval = "soon"
                flood.max-pings-per-second = "many"
                stream-close-timeout = 300
                """);

        assertThatThrownBy(() -> withMux.load(f)).isInstanceOfSatisfying(InvalidConfigException.class, e ->
                assertThat(e.errors()).extracting(ConfigProblem::message).containsExactly(
                        "unknown key 'jfrp.mux.max-frame-sise' (did you mean 'jfrp.mux.max-frame-size'?)",
                        "'jfrp.mux.keepalive-interval': expected a duration such as \"30s\", got 'soon'",
                        "'jfrp.mux.flood.max-pings-per-second': expected a whole number, got 'many'",
                        "'jfrp.mux.stream-close-timeout': give a unit, e.g. \"300s\" (a bare number is milliseconds in HOCON but seconds in frp's keys)"));
    }

    @Test
    void loginMaxSkewTakesSecondsOrADuration() throws IOException {
        assertThat(loader.load(write(dir, "a.toml", "jfrp.loginMaxSkew = 300\n")).serverConfig().loginMaxSkew())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(loader.load(write(dir, "b.conf", "jfrp.loginMaxSkew = 2m\n")).serverConfig().loginMaxSkew())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(loader.load(write(dir, "c.toml", "jfrp.loginMaxSkew = 0\n")).serverConfig().loginMaxSkew())
                .isZero();
    }

    @Test
    void aProgramModuleAddsJfrpKeysThroughItsReference() throws IOException {
        Config reference = ConfigFactory.parseString("jfrps.jfrp.dashboard { enabled = false, port = 7900 }")
                .withFallback(ConfigFactory.defaultReference());
        LoadedConfig loaded = ConfigLoader.forServer(reference).load(write(dir, "frps.toml", """
                jfrp.dashboard.enabled = true
                """));

        assertThat(loaded.config().getBoolean("jfrp.dashboard.enabled")).isTrue();
        assertThat(loaded.config().getInt("jfrp.dashboard.port")).isEqualTo(7900);
        assertThat(Optional.of(loaded.config().getInt("bindPort"))).contains(7000);
    }

    /**
     * The mux module's defaults as they sit at the top level of the reference: read from the sibling
     * module when this runs inside the jfrp tree, else a copy of the few keys the tests touch.
     */
    static Config muxReference() {
        Path sibling = Path.of("..", "mux", "src", "main", "resources", "reference.conf");
        Config mux = Files.isRegularFile(sibling) ? ConfigFactory.parseFile(sibling.toFile())
                : ConfigFactory.parseString("""
                        jfrp.mux {
                          accept-backlog = 256
                          keepalive-interval = 30s
                          max-frame-size = 16KiB
                          window-auto-tuning = on
                          flood { max-pings-per-second = 100 }
                        }
                        """);
        return mux.withFallback(ConfigFactory.defaultReference());
    }
}
