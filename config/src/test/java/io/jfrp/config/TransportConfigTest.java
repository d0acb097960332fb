package io.jfrp.config;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.bind.ClientConfigReader;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.ProxyUrl;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.protocol.wire.WireProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The transport keys of both programs: protocol, wireProtocol, proxyURL (and $http_proxy), quic, UDP ports. */
class TransportConfigTest {
    @TempDir
    Path dir;

    private final ConfigLoader client = ConfigLoader.forClient(ConfigFactory.defaultReference());
    private final ConfigLoader server = ConfigLoader.forServer(ConfigFactory.defaultReference());

    @Test
    void clientTransportKeysMapToTheModel() throws IOException {
        ClientConfig c = client.load(write(dir, "frpc.toml", """
                serverAddr = "frps.example"
                transport.protocol = "websocket"
                transport.wireProtocol = "v2"
                transport.proxyURL = "socks5://alice:p%40ss:word@10.0.0.9:1080"
                transport.quic.keepalivePeriod = 5
                transport.quic.maxIdleTimeout = 60
                transport.quic.maxIncomingStreams = 10
                """)).clientConfig();

        ClientTransportConfig t = c.transport();
        assertThat(t.protocol()).isEqualTo(TransportProtocol.WEBSOCKET);
        assertThat(t.wireProtocol()).isEqualTo(WireProtocol.V2);
        assertThat(t.proxy()).isEqualTo(new ProxyUrl(ProxyUrl.Scheme.SOCKS5, "10.0.0.9", 1080, "alice", "p@ss:word"));
        assertThat(t.proxy().toString()).isEqualTo("socks5://alice:***@10.0.0.9:1080");
        assertThat(t.quic()).isEqualTo(new QuicOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), 10));
    }

    @Test
    void frpDefaultsWhenNothingIsSet() throws IOException {
        ClientConfig c = ClientConfigReader.read(client.load(write(dir, "frpc.toml", "")).config(), name -> null);
        assertThat(c.transport()).isEqualTo(ClientTransportConfig.DEFAULT);

        ServerConfig s = server.load(write(dir, "frps.toml", "")).serverConfig();
        assertThat(s.transport().kcpBindPort()).isZero();
        assertThat(s.transport().quicBindPort()).isZero();
        assertThat(s.transport().quic()).isEqualTo(QuicOptions.DEFAULT);
    }

    /** As frp's QUICOptions.Complete: a 0 is the default, on both programs (not "none", which for streams refused every stream). */
    @Test
    void zeroQuicValuesAreFrpsDefaults() throws IOException {
        String zeros = """
                transport.quic.keepalivePeriod = 0
                transport.quic.maxIdleTimeout = 0
                transport.quic.maxIncomingStreams = 0
                """;
        assertThat(client.load(write(dir, "frpc.toml", zeros)).clientConfig().transport().quic()).isEqualTo(QuicOptions.DEFAULT);
        assertThat(server.load(write(dir, "frps.toml", zeros)).serverConfig().transport().quic()).isEqualTo(QuicOptions.DEFAULT);
    }

    @Test
    void theHttpProxyVariableIsTheDefaultOfProxyUrlForTcpTransportsOnly() throws IOException {
        Map<String, String> env = Map.of("http_proxy", "http://u:pw@proxy.lan:3128");
        ClientConfig tcp = ClientConfigReader.read(client.load(write(dir, "a.toml", "")).config(), env::get);
        assertThat(tcp.transport().proxy()).isEqualTo(new ProxyUrl(ProxyUrl.Scheme.HTTP, "proxy.lan", 3128, "u", "pw"));

        // Set explicitly, the key wins over the variable.
        ClientConfig own = ClientConfigReader.read(client.load(write(dir, "b.toml",
                "transport.proxyURL = \"https://[::1]:8443\"\n")).config(), env::get);
        assertThat(own.transport().proxy()).isEqualTo(new ProxyUrl(ProxyUrl.Scheme.HTTPS, "::1", 8443, "", ""));

        // quic and kcp do not go through proxies; frp ignores the variable for quic, and so do we for both.
        ClientConfig quic = ClientConfigReader.read(client.load(write(dir, "c.toml",
                "transport.protocol = \"quic\"\n")).config(), env::get);
        assertThat(quic.transport().proxy()).isNull();

        // A variable jfrpc cannot use is an error at verify and at start, naming the variable.
        assertThatThrownBy(() -> ClientConfigReader.read(client.load(write(dir, "d.toml", "")).config(),
                Map.of("http_proxy", "ntlm://u:p@proxy:8080")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the http_proxy environment variable (used as transport.proxyURL, which is not"
                        + " set): proxy scheme 'ntlm'");
    }

    @Test
    void aProxyUrlJfrpcCannotUseIsAnErrorWithItsLine() throws IOException {
        InvalidConfigException e = catchThrowableOfType(() -> client.load(write(dir, "frpc.toml", """
                serverAddr = "frps.example"
                transport.proxyURL = "ntlm://dom%5Cuser:pw@proxy:8080"
                """)), InvalidConfigException.class);
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).toString()).isEqualTo(dir.resolve("frpc.toml") + ":2: 'transport.proxyURL':"
                + " proxy scheme 'ntlm' (in 'ntlm://dom%5Cuser:pw@proxy:8080') is frp's, but jfrp does not speak NTLM"
                + " to proxies; use http, https or socks5");

        for (String bad : new String[] {"ftp://proxy:21", "proxy.lan:3128", "http://proxy.lan", "socks5://:1080"}) {
            InvalidConfigException b = catchThrowableOfType(() -> client.load(write(dir, "bad.toml",
                    "transport.proxyURL = \"" + bad + "\"\n")), InvalidConfigException.class);
            assertThat(b).as(bad).isNotNull();
            assertThat(b.errors()).as(bad).extracting(ConfigProblem::key).containsExactly("transport.proxyURL");
        }
    }

    @Test
    void aProxyWithAUdpTransportIsAnError() throws IOException {
        InvalidConfigException e = catchThrowableOfType(() -> client.load(write(dir, "frpc.toml", """
                transport.protocol = "kcp"
                transport.proxyURL = "http://proxy:3128"
                """)), InvalidConfigException.class);
        assertThat(e.errors()).extracting(ConfigProblem::message).containsExactly("'transport.proxyURL' cannot carry"
                + " transport.protocol = \"kcp\": a proxy carries TCP (tcp, websocket, wss)");
    }

    @Test
    void aMisspelledTransportIsAnErrorNotAFallback() throws IOException {
        InvalidConfigException e = catchThrowableOfType(() -> client.load(write(dir, "frpc.toml", """
                transport.protocol = "websockets"
                transport.wireProtocol = "v3"
                """)), InvalidConfigException.class);
        assertThat(e.errors()).extracting(ConfigProblem::key).containsExactly("transport.protocol",
                "transport.wireProtocol");
        assertThat(e.errors().get(0).message()).contains("expected one of", "'websocket'", "got 'websockets'");
    }

    @Test
    void serverUdpPortsMapAndMayEqualBindPortButNotEachOther() throws IOException {
        ServerConfig s = server.load(write(dir, "frps.toml", """
                bindPort = 7100
                kcpBindPort = 7100
                quicBindPort = 7101
                transport.quic.maxIncomingStreams = 50
                """)).serverConfig();
        assertThat(s.transport().kcpBindPort()).isEqualTo(7100);
        assertThat(s.transport().quicBindPort()).isEqualTo(7101);
        assertThat(s.transport().quic().maxIncomingStreams()).isEqualTo(50);

        InvalidConfigException e = catchThrowableOfType(() -> server.load(write(dir, "same.toml", """
                kcpBindPort = 7200
                quicBindPort = 7200
                """)), InvalidConfigException.class);
        assertThat(e.errors()).extracting(ConfigProblem::toString).containsExactly(dir.resolve("same.toml")
                + ":2: 'kcpBindPort' and 'quicBindPort' are both UDP port 7200; give them different ports");
    }
}
