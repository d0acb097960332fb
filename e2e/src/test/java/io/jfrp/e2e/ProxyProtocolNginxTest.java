package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.e2e.vhost.ExternalCommand;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code transport.proxyProtocolVersion} read by nginx ({@code listen ... proxy_protocol}): curl
 * connects from 127.0.0.7 to jfrps, jfrpc connects from 127.0.0.1 to nginx, and nginx answers with
 * {@code $proxy_protocol_addr} and {@code $remote_addr}: the first must be curl's address and port,
 * for both header versions, through a tcp proxy and through an http (vhost) proxy.
 */
class ProxyProtocolNginxTest extends E2eCase {
    private static final String CURL_IP = "127.0.0.7";
    private int nginxPort;

    @BeforeEach
    void startNginx() throws Exception {
        RequiredTools.requireOnPath("nginx", "curl");
        nginxPort = E2e.freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(conf, """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp;
                    proxy_temp_path %1$s/tmp;
                    fastcgi_temp_path %1$s/tmp;
                    uwsgi_temp_path %1$s/tmp;
                    scgi_temp_path %1$s/tmp;
                    server {
                        listen 127.0.0.1:%2$d proxy_protocol;
                        location / {
                            default_type text/plain;
                            return 200 "real=$proxy_protocol_addr:$proxy_protocol_port peer=$remote_addr";
                        }
                    }
                }
                """.formatted(dir, nginxPort));
        Process nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        closer.add(() -> nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(() -> !E2e.refused(nginxPort) || !nginx.isAlive());
        assertThat(nginx.isAlive()).as("nginx: %s", Files.readString(dir.resolve("nginx.out"))).isTrue();
    }

    @ParameterizedTest(name = "PROXY protocol {0}")
    @ValueSource(strings = {"v1", "v2"})
    void nginxReadsTheRealClientAddress(String version) throws Exception {
        int vhostPort = E2e.freePort();
        FrpServer server = server("secret", c -> c.withVhost(VhostConfig.OFF.withHttpPort(vhostPort)));
        int tcpPort = E2e.freePort();
        ProxyTransport header = new ProxyTransport(false, false, "", "client", version);
        List<ProxyConfig> proxies = List.of(
                ProxyBuilder.tcp("tcp", "127.0.0.1", nginxPort, tcpPort).transport(header).build(),
                ProxyBuilder.http("web", "127.0.0.1", nginxPort, "real.example").transport(header).build());
        FrpClient client = client(server.address().getPort(), "secret", proxies, c -> c);
        client.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, "tcp", tcpPort);
        assertThat(E2e.awaitProxy(client, "web").error()).isEmpty();

        int curlPort = E2e.freePort();
        ExternalCommand.Result tcp = ExternalCommand.run("curl", "-sS", "--max-time", "10", "--interface", CURL_IP,
                "--local-port", String.valueOf(curlPort), "http://127.0.0.1:" + tcpPort + "/");
        assertThat(tcp.stdout()).as(tcp.toString()).isEqualTo("real=" + CURL_IP + ":" + curlPort + " peer=127.0.0.1");

        ExternalCommand.Result http = ExternalCommand.run("curl", "-sS", "--max-time", "10", "--interface", CURL_IP,
                "-H", "Host: real.example", "http://127.0.0.1:" + vhostPort + "/");
        assertThat(http.stdout()).as(http.toString()).startsWith("real=" + CURL_IP + ":").endsWith(" peer=127.0.0.1");
    }
}
