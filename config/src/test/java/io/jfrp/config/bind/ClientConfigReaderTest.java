package io.jfrp.config.bind;

import io.jfrp.config.TestConfigs;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.protocol.auth.AuthScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** frpc keys to the ClientConfig, through real files so that the keys are the ones users write. */
class ClientConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void everyMappedKey() throws IOException {
        ClientConfig o = TestConfigs.client(dir, """
                user = "alice"
                serverAddr = "frps.example.net"
                serverPort = 7100
                loginFailExit = false
                auth.token = "s3cret"
                auth.additionalScopes = ["HeartBeats"]
                transport.poolCount = 3
                transport.tcpMux = false
                transport.tcpMuxKeepaliveInterval = 25
                transport.dialServerTimeout = 5
                transport.heartbeatInterval = 20
                transport.heartbeatTimeout = 70
                transport.tls.enable = true
                transport.tls.disableCustomTLSFirstByte = false
                transport.tls.certFile = "client.crt"
                transport.tls.keyFile = "client.key"
                transport.tls.trustedCaFile = "ca.crt"
                transport.tls.serverName = "frps.internal"
                jfrp.mux.max-frame-size = "8KiB"

                [[proxies]]
                name = "ssh"
                type = "tcp"
                localIP = "127.0.0.2"
                localPort = 22
                remotePort = 6000
                transport.useEncryption = true
                transport.useCompression = true

                [[proxies]]
                name = "db"
                type = "tcp"
                localPort = 5432

                [[proxies]]
                name = "off"
                type = "tcp"
                localPort = 1
                enabled = false
                """);

        assertThat(o.user()).isEqualTo("alice");
        assertThat(o.serverAddr()).isEqualTo("frps.example.net");
        assertThat(o.serverPort()).isEqualTo(7100);
        assertThat(o.loginFailExit()).isFalse();
        assertThat(o.auth().token()).isEqualTo("s3cret");
        assertThat(o.auth().additionalScopes()).containsExactly(AuthScope.HEARTBEATS);
        assertThat(o.poolCount()).isEqualTo(3);
        assertThat(o.tcpMux()).isFalse();
        assertThat(o.dialServerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(70));
        assertThat(o.tls().enable()).isTrue();
        assertThat(o.tls().disableCustomTLSFirstByte()).isFalse();
        assertThat(o.tls().certFile()).isEqualTo(Path.of("client.crt"));
        assertThat(o.tls().keyFile()).isEqualTo(Path.of("client.key"));
        assertThat(o.tls().trustedCaFile()).isEqualTo(Path.of("ca.crt"));
        assertThat(o.tls().serverName()).isEqualTo("frps.internal");
        assertThat(o.mux().keepaliveInterval()).as("transport.tcpMuxKeepaliveInterval").isEqualTo(Duration.ofSeconds(25));
        assertThat(o.mux().keepaliveTimeout()).isEqualTo(YamuxConfig.defaults().keepaliveTimeout());
        assertThat(o.mux().maxFrameSize()).isEqualTo(8 * 1024);
        assertThat(o.proxies()).containsExactly(
                ProxyBuilder.tcp("ssh", "127.0.0.2", 22, 6000).wrapping(true, true).build(),
                ProxyBuilder.tcp("db", "127.0.0.1", 5432, 0).build());
        assertThat(o.wireName("ssh")).isEqualTo("alice.ssh");
    }

    @Test
    void httpProxyKeysReachTheProxyModel() throws IOException {
        ClientConfig o = TestConfigs.client(dir, """
                [[proxies]]
                name = "web"
                type = "http"
                localPort = 8080
                customDomains = ["www.example.net"]
                subdomain = "blog"
                locations = ["/", "/api"]
                httpUser = "u"
                httpPassword = "p"
                hostHeaderRewrite = "backend.local"
                requestHeaders.set.x-from = "frp"
                responseHeaders.set.x-served = "jfrp"
                routeByHTTPUser = "u"
                loadBalancer.group = "g"
                loadBalancer.groupKey = "k"
                """);
        assertThat(o.proxies()).containsExactly(ProxyBuilder.http("web", "127.0.0.1", 8080, "www.example.net").subdomain("blog")
                .locations(java.util.List.of("/", "/api")).basicAuth("u", "p").hostHeaderRewrite("backend.local")
                .requestHeaders(java.util.Map.of("x-from", "frp")).responseHeaders(java.util.Map.of("x-served", "jfrp"))
                .routeByHTTPUser("u").loadBalancer("g", "k").build());
    }

    @Test
    void frpDefaults() throws IOException {
        ClientConfig o = TestConfigs.client(dir, "");

        assertThat(o.serverAddr()).isEqualTo("0.0.0.0");
        assertThat(o.serverPort()).isEqualTo(7000);
        assertThat(o.user()).isEmpty();
        assertThat(o.auth().token()).isEmpty();
        assertThat(o.loginFailExit()).isTrue();
        assertThat(o.poolCount()).isEqualTo(1);
        assertThat(o.tcpMux()).isTrue();
        assertThat(o.heartbeatInterval()).as("off with tcpMux").isEqualTo(Duration.ZERO);
        assertThat(o.heartbeatTimeout()).as("off with tcpMux").isEqualTo(Duration.ZERO);
        assertThat(o.dialServerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.tls().enable()).isTrue();
        assertThat(o.tls().disableCustomTLSFirstByte()).isTrue();
        assertThat(o.tls().certFile()).isNull();
        assertThat(o.tls().keyFile()).isNull();
        assertThat(o.tls().trustedCaFile()).isNull();
        assertThat(o.tls().serverName()).as("serverAddr, as frp").isEqualTo("0.0.0.0");
        assertThat(o.mux().keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.proxies()).isEmpty();
    }

    @Test
    void withoutTcpMuxTheHeartbeatIsOnAndANegativeValueTurnsItOff() throws IOException {
        ClientConfig on = TestConfigs.client(dir, "transport.tcpMux = false\n");
        ClientConfig off = TestConfigs.client(dir, "transport.tcpMux = false\ntransport.heartbeatInterval = -1\n"
                + "transport.heartbeatTimeout = -1\n");

        assertThat(on.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(on.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(off.heartbeatInterval()).isEqualTo(Duration.ZERO);
        assertThat(off.heartbeatTimeout()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aMuxValueOutOfRangeIsAnError() {
        assertThatThrownBy(() -> TestConfigs.client(dir, "jfrp.mux.max-frame-size = \"1MiB\"\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jfrp.mux.max-frame-size");
    }
}
