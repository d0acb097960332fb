package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import io.jfrp.config.model.VhostConfig;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A load-balancing group of tcpmux proxies from two clients: one domain, tunnels taking turns, a
 * client leaving takes only its proxy out, and the domain is gone with the last one.
 */
class TcpMuxGroupTest extends E2eCase {
    private static ProxyConfig member(String name, int localPort, String key) {
        return ProxyBuilder.tcpmux(name, "127.0.0.1", localPort).multiplexer("httpconnect")
                .customDomains(List.of("lb.test")).loadBalancer("mux-group", key).build();
    }

    /** CONNECT lb.test through the tcpmux port: the name of the service reached, or the refusal's status line. */
    private static String connect(int muxPort) throws IOException {
        String all = TunnelTestSupport.exchange(muxPort, "CONNECT lb.test:1 HTTP/1.1\r\nHost: lb.test:1\r\n\r\n");
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        return all.startsWith(ok) ? all.substring(ok.length()).trim() : all.lines().findFirst().orElse("");
    }

    @Test
    void membersTakeTurnsAndLeaveOneByOne() throws Exception {
        TunnelTestSupport.NamedTcpService a = closer.add(new TunnelTestSupport.NamedTcpService("a"));
        TunnelTestSupport.NamedTcpService b = closer.add(new TunnelTestSupport.NamedTcpService("b"));
        int muxPort = freePort();
        FrpServer server = server("secret", c -> c.withVhost(VhostConfig.OFF.withTcpmuxHttpConnectPort(muxPort, false)));
        int serverPort = server.address().getPort();
        FrpClient clientA = clientLoggedIn(serverPort, "secret", List.of(member("lb-a", a.port(), "k")));
        assertThat(awaitProxy(clientA, "lb-a").error()).isEmpty();
        FrpClient clientB = clientLoggedIn(serverPort, "secret", List.of(member("lb-b", b.port(), "k")));
        assertThat(awaitProxy(clientB, "lb-b").error()).isEmpty();

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reached.add(connect(muxPort));
        }
        assertThat(reached).containsExactlyInAnyOrder("a", "a", "a", "b", "b", "b");

        FrpClient outsider = clientLoggedIn(serverPort, "secret", List.of(
                ProxyBuilder.tcpmux("lb-x", "127.0.0.1", b.port()).multiplexer("httpconnect")
                        .customDomains(List.of("lb.test")).build()));
        assertThat(awaitProxy(outsider, "lb-x").error()).isEqualTo("router config conflict"); // frps's text

        clientA.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> connect(muxPort).equals("b") && connect(muxPort).equals("b"));
        for (int i = 0; i < 4; i++) {
            assertThat(connect(muxPort)).isEqualTo("b");
        }

        clientB.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> connect(muxPort).equals("HTTP/1.1 404 Not Found"));
    }
}
