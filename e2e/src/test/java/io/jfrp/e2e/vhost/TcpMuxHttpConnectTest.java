package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.TcpMuxProxyConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eClassCase;
import io.jfrp.server.FrpServer;
import io.jfrp.config.model.VhostConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static io.jfrp.testkit.RequiredTools.requireOnPath;
import static io.jfrp.e2e.vhost.ExternalCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tcpmux proxies (multiplexer httpconnect) on tcpmuxHTTPConnectPort, driven by curl's
 * {@code --proxytunnel}: CONNECT routed by host, proxy credentials, routeByHTTPUser.
 */
class TcpMuxHttpConnectTest extends E2eClassCase {
    private static int muxPort;
    private static FrpClient client;
    private static TunnelTestSupport.NamedHttpServer secure;

    @BeforeAll
    static void start() throws Exception {
        TunnelTestSupport.NamedHttpServer svc = closer.add(new TunnelTestSupport.NamedHttpServer("svc backend"));
        secure = closer.add(new TunnelTestSupport.NamedHttpServer("secure backend"));
        TunnelTestSupport.NamedHttpServer alice = closer.add(new TunnelTestSupport.NamedHttpServer("alice's backend"));
        TunnelTestSupport.NamedHttpServer others = closer.add(new TunnelTestSupport.NamedHttpServer("everyone else's backend"));

        muxPort = freePort();
        FrpServer server = closer.add(E2e.startServer(dir, "secret", c -> c.withVhost(
                VhostConfig.OFF.withTcpmuxHttpConnectPort(muxPort, false).withSubDomainHost("example.org"))));
        client = closer.add(E2e.startClient(server.address().getPort(), "secret", List.of(
                tcpmux("svc", svc.port()).customDomains(List.of("svc.test")).build(),
                tcpmux("secure", secure.port()).subdomain("secure").basicAuth("u", "p").build(),
                tcpmux("alice", alice.port()).customDomains(List.of("users.test")).routeByHTTPUser("alice")
                        .basicAuth("alice", "wonderland").build(),
                tcpmux("others", others.port()).customDomains(List.of("users.test")).build(),
                ProxyBuilder.tcpmux("wrong-mux", "127.0.0.1", svc.port(), "x.test").multiplexer("socks5").build())));
        for (String name : List.of("svc", "secure", "alice", "others")) {
            assertThat(awaitProxy(client, name).error()).as(name).isEmpty();
        }
        assertThat(awaitProxy(client, "svc").remoteAddr()).isEqualTo("svc.test:" + muxPort);
        assertThat(awaitProxy(client, "secure").remoteAddr()).isEqualTo("secure.example.org:" + muxPort);
    }

    private static ProxyBuilder<TcpMuxProxyConfig> tcpmux(String name, int port) {
        return ProxyBuilder.tcpmux(name, "127.0.0.1", port).multiplexer("httpconnect");
    }

    private static ExternalCommand.Result curl(String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-p", "-x",
                "http://127.0.0.1:" + muxPort));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        return run(cmd.toArray(new String[0]));
    }

    @Test
    void curlTunnelsThroughConnectToTheRoutedBackend() throws Exception {
        requireOnPath("curl");
        curl("http://svc.test/").assertPrinted("svc backend");
    }

    @Test
    void proxyCredentialsAreCheckedWhenTheProxyAsksForThem() throws Exception {
        requireOnPath("curl");
        int before = secure.requests.get();
        ExternalCommand.Result none = curl("http://secure.example.org/");
        assertThat(none.exitCode()).as(none.toString()).isNotZero();
        assertThat(none.stderr()).contains("407");

        ExternalCommand.Result wrong = curl("http://secure.example.org/", "--proxy-user", "u:nope");
        assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
        assertThat(wrong.stderr()).contains("407");
        assertThat(secure.requests.get()).as("refused tunnels reach nobody").isEqualTo(before);

        curl("http://secure.example.org/", "--proxy-user", "u:p").assertPrinted("secure backend");
    }

    @Test
    void theProxyUserPicksBetweenProxiesOfOneDomain() throws Exception {
        requireOnPath("curl");
        curl("http://users.test/", "--proxy-user", "alice:wonderland").assertPrinted("alice's backend");

        ExternalCommand.Result bob = curl("http://users.test/", "--proxy-user", "bob:builder");
        assertThat(bob.stdout()).isEqualTo("everyone else's backend");

        ExternalCommand.Result anonymous = curl("http://users.test/");
        assertThat(anonymous.stdout()).isEqualTo("everyone else's backend");

        // alice's proxy wants her password too.
        ExternalCommand.Result wrong = curl("http://users.test/", "--proxy-user", "alice:guess");
        assertThat(wrong.stderr()).contains("407");
    }

    @Test
    void anUnknownHostGets404AndOtherMultiplexersAreRefused() throws Exception {
        assertThat(answerUntilClosed("CONNECT nobody.test:80 HTTP/1.1\r\nHost: nobody.test:80\r\n\r\n"))
                .startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(awaitProxy(client, "wrong-mux").error()).contains("unknown multiplexer [socks5]");
    }

    @Test
    void malformedRequestsAreClosedWithoutAnAnswerAsInFrps() throws Exception {
        assertThat(answerUntilClosed("CONNECT svc.test:80 HTTP/1.1\r\nthis is not a header\r\n\r\n")).isEmpty();
    }

    /** Sends {@code request} to the tcpmux port and reads all jfrps answers until it closes the connection. */
    private static String answerUntilClosed(String request) throws Exception {
        return TunnelTestSupport.exchange(muxPort, request);
    }
}
