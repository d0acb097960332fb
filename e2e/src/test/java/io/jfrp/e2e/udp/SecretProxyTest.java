package io.jfrp.e2e.udp;

import ch.qos.logback.classic.Level;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.LogCapture;
import io.jfrp.e2e.wirev2.Payload;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * stcp and sudp proxies reached through jfrpc visitors, all jfrp: the visits that must work do, and
 * each visit that must not (a wrong secretKey, a user outside allowUsers, a proxy that does not exist)
 * fails alone, with the reason logged by the server and by the visitor's client, while the good
 * visits and every client's session carry on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class SecretProxyTest extends E2eCase {
    private static final String TOKEN = "secret";

    @Test
    void stcpAndSudpVisitorsReachTheirProxies() throws Exception {
        EchoService tcpEcho = closer.add(new EchoService());
        UdpEcho udpEcho = closer.add(new UdpEcho());
        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        FrpClient owner = clientLoggedIn(serverPort, TOKEN, List.of(
                ProxyBuilder.stcp("ssh", "127.0.0.1", tcpEcho.port(), "k1").build(),
                ProxyBuilder.sudp("dns", "127.0.0.1", udpEcho.port(), "k2").build()));
        assertThat(E2e.awaitProxy(owner, "ssh").error()).isEmpty();
        assertThat(E2e.awaitProxy(owner, "ssh").remoteAddr()).as("no public address").isEmpty();
        assertThat(E2e.awaitProxy(owner, "dns").error()).isEmpty();
        int stcpPort = E2e.freePort();
        int sudpPort = UdpPorts.free();
        visitors(serverPort, "", List.of(VisitorBuilder.stcp("ssh-visitor", "ssh", "k1", stcpPort).build(),
                VisitorBuilder.sudp("dns-visitor", "dns", "k2", sudpPort).build()));

        E2e.assertEchoIntact(stcpPort, 1 << 20, 3);
        try (UdpClient user = new UdpClient()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", sudpPort);
            assertThat(user.warmUp(target, "ping".getBytes())).isEqualTo("ping".getBytes());
            byte[] full = Payload.random(1500, 9);
            assertThat(user.exchangeRetrying(target, full, 3, 2000)).isEqualTo(full);
        }
    }

    @Test
    void badVisitsFailAloneWithTheReasonLoggedOnBothSides() throws Exception {
        EchoService tcpEcho = closer.add(new EchoService());
        UdpEcho udpEcho = closer.add(new UdpEcho());
        LogCapture logs = closer.add(new LogCapture("io.jfrp"));
        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        FrpClient owner = closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of(
                ProxyBuilder.stcp("ssh", "127.0.0.1", tcpEcho.port(), "right").allowUsers(List.of("bob")).build(),
                ProxyBuilder.sudp("dns", "127.0.0.1", udpEcho.port(), "right").allowUsers(List.of("bob")).build()))
                .withUser("alice")));
        owner.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxy(owner, "ssh");
        E2e.awaitProxy(owner, "dns");
        int good = E2e.freePort();
        int wrongKey = E2e.freePort();
        int noSuchProxy = E2e.freePort();
        int notAllowed = E2e.freePort();
        int sudpWrongKey = UdpPorts.free();
        int sudpGood = UdpPorts.free();
        visitors(serverPort, "bob", List.of(
                VisitorBuilder.stcp("good", "ssh", "right", good).server("alice", "ssh").build(),
                VisitorBuilder.stcp("wrong-key", "ssh", "wrong", wrongKey).server("alice", "ssh").build(),
                VisitorBuilder.stcp("no-such-proxy", "nossh", "right", noSuchProxy).server("alice", "nossh").build(),
                VisitorBuilder.sudp("sudp-wrong-key", "dns", "wrong", sudpWrongKey).server("alice", "dns").build(),
                VisitorBuilder.sudp("sudp-good", "dns", "right", sudpGood).server("alice", "dns").build()));
        visitors(serverPort, "eve", List.of(
                VisitorBuilder.stcp("eve", "ssh", "right", notAllowed).server("alice", "ssh").build()));

        for (int port : new int[] {wrongKey, noSuchProxy, notAllowed}) {
            assertThat(closedWithoutData(port)).as("the user's connection on %d is closed", port).isTrue();
        }
        try (UdpClient user = new UdpClient()) {
            assertThat(user.exchange(new InetSocketAddress("127.0.0.1", sudpWrongKey), "x".getBytes(), 1500))
                    .as("no answer through a refused sudp visitor").isNull();
        }
        // Each refusal is logged at WARN with its reason: one message holding all of a row's parts.
        List<List<String>> expectedWarnings = List.of(
                List.of("VisitorConnAcceptor", "[alice.ssh] refused", "key does not match"),
                List.of("VisitorConnAcceptor", "custom listener for [alice.nossh] doesn't exist"),
                List.of("VisitorConnAcceptor", "visitor connection of [alice.ssh] user [eve] not allowed"),
                List.of("[wrong-key] visitor connection to [alice.ssh] failed",
                        "visitor connection of [alice.ssh] auth failed"),
                List.of("[no-such-proxy] visitor connection to [alice.nossh] failed", "doesn't exist"),
                List.of("[eve] visitor connection to [alice.ssh] failed", "user [eve] not allowed"),
                List.of("[sudp-wrong-key] visitor connection to [alice.dns] failed", "auth failed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> warnings = logs.messages(Level.WARN);
            for (List<String> parts : expectedWarnings) {
                assertThat(warnings).as("a WARN message containing %s", parts)
                        .anySatisfy(m -> assertThat(m).contains(parts));
            }
        });

        // Nothing else is disturbed: the good visitors work, every client keeps its session.
        E2e.assertEchoIntact(good, 1 << 20, 21);
        try (UdpClient user = new UdpClient()) {
            assertThat(user.warmUp(new InetSocketAddress("127.0.0.1", sudpGood), "ok".getBytes()))
                    .isEqualTo("ok".getBytes());
        }
        assertThat(server.clientCount()).isEqualTo(3);
    }

    private void visitors(int serverPort, String user, List<VisitorConfig> visitors) throws Exception {
        FrpClient client = closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of()).withUser(user)
                .withVisitors(visitors)));
        client.start().get(10, TimeUnit.SECONDS);
    }

    /** Connects, sends a few bytes, and reports whether the connection closes with nothing read. */
    private static boolean closedWithoutData(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            s.getOutputStream().write("hello".getBytes());
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset: closed as well
        }
    }
}
