package io.jfrp.config;

import io.jfrp.config.model.ServerConfig;
import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.proxy.TcpMuxProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The keys of http / https / tcpmux proxies and of the server's vhosts reach the model. */
class HttpProxySettingsTest {
    @TempDir
    Path dir;

    @Test
    void everyHttpKeyOfAProxyIsRead() throws IOException {
        LoadedConfig loaded = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(write(dir, "frpc.toml", """
                [[proxies]]
                name = "web"
                type = "http"
                localPort = 8080
                customDomains = ["www.example.net", "*.apps.example.net"]
                subdomain = "blog"
                locations = ["/", "/api"]
                httpUser = "alice"
                httpPassword = "pw"
                hostHeaderRewrite = "internal.local"
                requestHeaders.set.x-from-where = "frp"
                responseHeaders.set.x-served-by = "jfrp"
                routeByHTTPUser = "alice"
                loadBalancer.group = "web"
                loadBalancer.groupKey = "k"

                [[proxies]]
                name = "mux"
                type = "tcpmux"
                multiplexer = "httpconnect"
                localPort = 22
                customDomains = ["ssh.example.net"]
                """));
        assertThat(loaded.warnings()).isEmpty();
        ProxyConfig web = loaded.clientConfig().proxies().get(0);
        assertThat(web).isEqualTo(ProxyBuilder.http("web", "127.0.0.1", 8080, "www.example.net", "*.apps.example.net")
                .subdomain("blog").locations(List.of("/", "/api")).basicAuth("alice", "pw")
                .hostHeaderRewrite("internal.local").requestHeaders(Map.of("x-from-where", "frp"))
                .responseHeaders(Map.of("x-served-by", "jfrp")).routeByHTTPUser("alice").loadBalancer("web", "k")
                .build());
        TcpMuxProxyConfig mux = (TcpMuxProxyConfig) loaded.clientConfig().proxies().get(1);
        assertThat(mux.type()).isEqualTo(ProxyType.TCPMUX);
        assertThat(mux.multiplexer()).isEqualTo("httpconnect");
        assertThat(mux.customDomains()).containsExactly("ssh.example.net");
    }

    @Test
    void legacyIniHeadersAndDomainsAreRead() throws IOException {
        LoadedConfig loaded = ConfigLoader.forClient(ConfigFactory.defaultReference()).load(write(dir, "frpc.ini", """
                [common]
                server_addr = 127.0.0.1

                [web]
                type = http
                local_port = 80
                custom_domains = a.example.net, b.example.net
                locations = /,/static
                http_user = u
                http_pwd = p
                host_header_rewrite = backend
                header_X-From-Where = frp
                """));
        HttpProxyConfig web = (HttpProxyConfig) loaded.clientConfig().proxies().get(0);
        assertThat(web.customDomains()).containsExactly("a.example.net", "b.example.net");
        assertThat(web.locations()).containsExactly("/", "/static");
        assertThat(web.httpUser()).isEqualTo("u");
        assertThat(web.httpPassword()).isEqualTo("p");
        assertThat(web.hostHeaderRewrite()).isEqualTo("backend");
        assertThat(web.requestHeaders()).containsEntry("X-From-Where", "frp");
    }

    @Test
    void legacyIniServerVhostKeysAreRead() throws IOException {
        LoadedConfig loaded = ConfigLoader.forServer(ConfigFactory.defaultReference()).load(write(dir, "frps.ini", """
                [common]
                vhost_http_port = 8080
                subdomain_host = example.net
                vhost_http_timeout = 7
                custom_404_page = /srv/404.html
                """));
        ServerConfig s = loaded.serverConfig();
        assertThat(s.vhost().httpPort()).isEqualTo(8080);
        assertThat(s.vhost().subDomainHost()).isEqualTo("example.net");
        assertThat(s.vhost().httpTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.vhost().custom404Page()).isEqualTo(Path.of("/srv/404.html"));
    }

    @Test
    void serverVhostKeysAreReadWithFrpsDefaults() throws IOException {
        ServerConfig defaults = ConfigLoader.forServer(ConfigFactory.defaultReference()).load(write(dir, "empty.toml", ""))
                .serverConfig();
        assertThat(defaults.vhost().httpPort()).isZero();
        assertThat(defaults.vhost().httpsPort()).isZero();
        assertThat(defaults.vhost().tcpmuxHttpConnectPort()).isZero();
        assertThat(defaults.vhost().httpTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.vhost().subDomainHost()).isEmpty();
        assertThat(defaults.vhost().custom404Page()).isNull();

        LoadedConfig loaded = ConfigLoader.forServer(ConfigFactory.defaultReference()).load(write(dir, "frps.toml", """
                vhostHTTPPort = 8080
                vhostHTTPSPort = 8443
                tcpmuxHTTPConnectPort = 1337
                vhostHTTPTimeout = 5
                subDomainHost = "example.net"
                custom404Page = "404.html"
                """));
        assertThat(loaded.warnings()).isEmpty();
        ServerConfig s = loaded.serverConfig();
        assertThat(s.vhost().httpPort()).isEqualTo(8080);
        assertThat(s.vhost().httpsPort()).isEqualTo(8443);
        assertThat(s.vhost().tcpmuxHttpConnectPort()).isEqualTo(1337);
        assertThat(s.vhost().httpTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.vhost().subDomainHost()).isEqualTo("example.net");
        assertThat(s.vhost().custom404Page()).isEqualTo(Path.of("404.html"));
    }
}
