package io.jfrp.bench.harness.paths;

import io.jfrp.config.ConfigLoader;
import io.jfrp.config.LoadedConfig;
import io.jfrp.config.cli.CliPreparation;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stock frp is not on the build machine: its configuration is checked as text here. */
class ConfigWritersTest {
    @TempDir
    Path dir;

    @Test
    void frpVersionComesFromFrpsVersionOutput() {
        assertThat(FrpVersion.parse("0.61.1\n")).isEqualTo(new FrpVersion(0, 61, 1));
        assertThat(FrpVersion.parse("frps version v0.51.3")).isEqualTo(new FrpVersion(0, 51, 3));
        assertThatThrownBy(() -> FrpVersion.parse("command not found")).hasMessage(
                "no frp version (x.y.z) in 'command not found'");
        assertThat(FrpConfigWriter.usesToml(new FrpVersion(0, 52, 0))).isTrue();
        assertThat(FrpConfigWriter.usesToml(new FrpVersion(0, 51, 3))).isFalse();
        assertThat(FrpConfigWriter.fileName("frpc", new FrpVersion(0, 51, 3))).isEqualTo("frpc.ini");
    }

    @Test
    void frpFrom052ReadsToml() {
        FrpVersion v = new FrpVersion(0, 61, 1);
        assertThat(FrpConfigWriter.server(v, FrpConfigWriter.MUX_TLS, "127.0.0.1", 7000, "t")).isEqualTo("""
                # written by jfrp-bench for path frp-mux-tls, frp 0.61.1
                bindAddr = "127.0.0.1"
                bindPort = 7000
                auth.token = "t"
                log.level = "warn"
                transport.tcpMux = true
                transport.maxPoolCount = 5
                """);
        assertThat(FrpConfigWriter.client(v, FrpConfigWriter.POOL, "127.0.0.1", 7000, "t", "127.0.0.1", 5201, 6000))
                .isEqualTo("""
                        # written by jfrp-bench for path frp-pool, frp 0.61.1
                        serverAddr = "127.0.0.1"
                        serverPort = 7000
                        auth.token = "t"
                        loginFailExit = true
                        log.level = "warn"
                        transport.tcpMux = false
                        transport.tls.enable = true
                        transport.poolCount = 5

                        [[proxies]]
                        name = "bench"
                        type = "tcp"
                        localIP = "127.0.0.1"
                        localPort = 5201
                        remotePort = 6000
                        """);
    }

    @Test
    void frpBefore052ReadsLegacyIni() {
        FrpVersion v = new FrpVersion(0, 51, 3);
        assertThat(FrpConfigWriter.server(v, FrpConfigWriter.POOL, "127.0.0.1", 7000, "t")).isEqualTo("""
                # written by jfrp-bench for path frp-pool, frp 0.51.3
                [common]
                bind_addr = 127.0.0.1
                bind_port = 7000
                token = t
                log_level = warn
                tcp_mux = false
                max_pool_count = 5
                """);
        assertThat(FrpConfigWriter.client(v, FrpConfigWriter.MUX_TLS, "127.0.0.1", 7000, "t", "127.0.0.1", 5201, 6000))
                .isEqualTo("""
                        # written by jfrp-bench for path frp-mux-tls, frp 0.51.3
                        [common]
                        server_addr = 127.0.0.1
                        server_port = 7000
                        token = t
                        login_fail_exit = true
                        log_level = warn
                        tcp_mux = true
                        tls_enable = true
                        pool_count = 0

                        [bench]
                        type = tcp
                        local_ip = 127.0.0.1
                        local_port = 5201
                        remote_port = 6000
                        """);
    }

    /** The jfrp files are read by jfrp's own loader, as bin/jfrps and bin/jfrpc read them. */
    @Test
    void jfrpConfigurationLoadsWithTheChosenTransport() throws Exception {
        Path s = dir.resolve("frps.toml");
        Files.writeString(s, JfrpConfigWriter.server(JfrpMode.MUX_TLS_FIXED_WINDOW, new JfrpConfigWriter.Server(
                "127.0.0.1", 7000, "t", 0, dir.resolve("tls").toString())));
        Path c = dir.resolve("frpc.toml");
        Files.writeString(c, JfrpConfigWriter.client(JfrpMode.POOL_TLS, new JfrpConfigWriter.Client("127.0.0.1", 7000,
                "t", "bench", "127.0.0.1", 5201, 6000)));
        StringWriter err = new StringWriter();

        CliPreparation.Prepared<ServerConfig> server = CliPreparation.prepare("jfrps", s,
                new PrintWriter(err, true), ConfigLoader::forServer, LoadedConfig::serverConfig);
        CliPreparation.Prepared<ClientConfig> client = CliPreparation.prepare("jfrpc", c,
                new PrintWriter(err, true), ConfigLoader::forClient, LoadedConfig::clientConfig);

        assertThat(err.toString()).isEmpty();
        assertThat(server.config().bindPort()).isEqualTo(7000);
        assertThat(server.config().tcpMux()).isTrue();
        assertThat(server.config().mux().windowAutoTuning()).isFalse();
        assertThat(client.config().tcpMux()).isFalse();
        assertThat(client.config().tls().enable()).isTrue();
        assertThat(client.config().poolCount()).isEqualTo(5);
        assertThat(client.config().mux().windowAutoTuning()).isTrue();
        assertThat(client.config().proxies()).singleElement().satisfies(p -> {
            assertThat(p.type().frpName()).isEqualTo("tcp");
            assertThat(p.base().localPort()).isEqualTo(5201);
            assertThat(((io.jfrp.config.model.proxy.TcpProxyConfig) p).remotePort()).isEqualTo(6000);
        });
    }

    @Test
    void vhostModePublishesAnHttpProxyForTheBenchDomain() {
        String client = JfrpConfigWriter.client(JfrpMode.VHOST_HTTP, new JfrpConfigWriter.Client("127.0.0.1", 7000,
                "t", "bench", "127.0.0.1", 8080, 0));
        assertThat(client).contains("type = \"http\"\n").contains("customDomains = [\"bench.test\"]\n")
                .doesNotContain("remotePort");
        assertThat(JfrpConfigWriter.server(JfrpMode.VHOST_HTTP, new JfrpConfigWriter.Server("127.0.0.1", 7000, "t",
                8081, "/tmp/x"))).contains("vhostHTTPPort = 8081\n");
    }
}
