package io.jfrp.e2e;

import ch.qos.logback.classic.Level;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import io.jfrp.config.model.PortRanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proxies the server cannot start are refused one by one with the reason in NewProxyResp, while
 * the client's other proxies work: a port outside allowPorts, a port something else holds, and
 * more ports than maxPortsPerClient.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyErrorsTest extends E2eCase {
    private static final String TOKEN = "proxy-errors";


    @Test
    void aDisallowedPortAndABusyPortAreRefusedWhileTheGoodProxyWorks() throws Exception {
        EchoService echo = closer.add(new EchoService());
        int good = E2e.freePort();
        int disallowed = E2e.freePort();
        ServerSocket holder = closer.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        int busy = holder.getLocalPort();
        FrpServer server = server(TOKEN,
                c -> c.withPorts(PortRanges.of(new PortRanges.Range(good, good), new PortRanges.Range(busy, busy)), 0));
        Map<String, NewProxyResp> results;
        List<String> warnings;
        try (LogCapture log = new LogCapture("io.jfrp.server")) {
            results = answers(server,
                    ProxyBuilder.tcp("outside", "127.0.0.1", echo.port(), disallowed).build(),
                    ProxyBuilder.tcp("busy", "127.0.0.1", echo.port(), busy).build(),
                    ProxyBuilder.tcp("good", "127.0.0.1", echo.port(), good).build());
            warnings = log.messages(Level.WARN);
        }

        // frps's texts for the client (StockFrpWireParityTest compares them with stock frps's) ...
        assertThat(results.get("outside").error()).isEqualTo("port not allowed");
        assertThat(results.get("outside").remoteAddr()).isEmpty();
        assertThat(results.get("busy").error()).isEqualTo("port unavailable");
        assertThat(results.get("busy").remoteAddr()).isEmpty();
        // ... and the details in jfrps's log
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("[outside]")
                .contains("port " + disallowed + " is not allowed (allowPorts)"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("[busy]")
                .contains("port " + busy + " is unavailable").containsIgnoringCase("in use"));
        assertThat(results.get("good").error()).isEmpty();
        assertThat(results.get("good").remoteAddr()).isEqualTo(":" + good);

        E2e.assertEchoIntact(good, 2 << 20, 1);
        assertThat(E2e.refused(disallowed)).as("nothing listens on the disallowed port").isTrue();
        // The refusal released what it had reserved: the busy port, once free, can be had (by a
        // second client: a proxy name and port reserved and not given back would stop it).
        holder.close();
        tcpClientUp(server.address().getPort(), TOKEN, "busy", echo.port(), busy, c -> c);
        E2e.assertEchoIntact(busy, 1 << 20, 5);
        assertThat(server.clientCount()).isEqualTo(2);
    }

    @Test
    void proxiesBeyondMaxPortsPerClientAreRefused() throws Exception {
        EchoService echo = closer.add(new EchoService());
        int first = E2e.freePort();
        int second = E2e.freePort();
        int third = E2e.freePort();
        FrpServer server = server(TOKEN, c -> c.withPorts(PortRanges.UNRESTRICTED, 2));
        Map<String, NewProxyResp> results = answers(server,
                ProxyBuilder.tcp("a", "127.0.0.1", echo.port(), first).build(),
                ProxyBuilder.tcp("b", "127.0.0.1", echo.port(), second).build(),
                ProxyBuilder.tcp("c", "127.0.0.1", echo.port(), third).build());

        // NewProxy messages are handled in order: the third is one too many.
        assertThat(results.get("a").error()).isEmpty();
        assertThat(results.get("b").error()).isEmpty();
        assertThat(results.get("c").error()).isEqualTo("exceed the max_ports_per_client"); // frps's text
        E2e.assertEchoIntact(first, 1 << 20, 2);
        E2e.assertEchoIntact(second, 1 << 20, 3);
        assertThat(E2e.refused(third)).isTrue();

        // Another client has its own allowance.
        int fourth = E2e.freePort();
        tcpClientUp(server.address().getPort(), TOKEN, "d", echo.port(), fourth, c -> c);
        E2e.assertEchoIntact(fourth, 1 << 20, 4);
    }

    /** A started jfrpc toward {@code server} with {@code proxies}, once jfrps answered each: the answers by name. */
    private Map<String, NewProxyResp> answers(FrpServer server, ProxyConfig... proxies) throws Exception {
        FrpClient client = client(server.address().getPort(), TOKEN, List.of(proxies), c -> c);
        client.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.proxyResults().size() == proxies.length);
        Map<String, NewProxyResp> results = client.proxyResults();
        System.out.println("ProxyErrorsTest: " + results);
        return results;
    }
}
