package io.jfrp.e2e.udp;

import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorType;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.e2e.udp.Peers.Impl;
import io.jfrp.e2e.udp.Peers.ProxySpec;
import io.jfrp.e2e.udp.Peers.VisitorSpec;
import io.jfrp.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stcp and sudp between jfrp and stock frp 0.70.0 in every pairing of the three parts (server, the
 * client owning the proxies, the visitor's client) with at least one of ours, and udp with either
 * side stock: the bytes and datagrams arrive whole, through wrapping on both hops.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class SecretInteropTest extends E2eCase {
    private static final String TOKEN = "interop-secret";

    static Stream<Arguments> pairings() {
        List<Arguments> out = new ArrayList<>();
        for (Impl server : Impl.values()) {
            for (Impl owner : Impl.values()) {
                for (Impl visitor : Impl.values()) {
                    if (server == Impl.JFRP || owner == Impl.JFRP || visitor == Impl.JFRP) {
                        out.add(Arguments.of(server, owner, visitor));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "server {0}, proxy owner {1}, visitor {2}")
    @MethodSource("pairings")
    void stcpAndSudpVisitorsReachTheProxiesThroughTheServer(Impl server, Impl owner, Impl visitor) throws Exception {
        EchoService tcpEcho = closer.add(new EchoService());
        UdpEcho udpEcho = closer.add(new UdpEcho());
        Peers peers = closer.add(new Peers(dir, TOKEN));
        int serverPort = peers.server(server, c -> c);
        // The owner and the visitor have different users: allowUsers must admit the visitor's.
        peers.owner(owner, serverPort, "alice", List.of(
                ProxySpec.secret(ProxyType.STCP, "ssh", tcpEcho.port(), "s3").allowing("bob"),
                ProxySpec.secret(ProxyType.STCP, "ssh-wrapped", tcpEcho.port(), "s4").allowing("*")
                        .wrapped(true, true),
                ProxySpec.secret(ProxyType.SUDP, "dns", udpEcho.port(), "u3").allowing("bob").wrapped(true, false)));
        int stcpPort = E2e.freePort();
        int stcpWrappedPort = E2e.freePort();
        int sudpPort = UdpPorts.free();
        peers.visitor(visitor, serverPort, "bob", List.of(
                VisitorSpec.of(VisitorType.STCP, "ssh-v", "ssh", "s3", stcpPort).ofUser("alice"),
                VisitorSpec.of(VisitorType.STCP, "ssh-wrapped-v", "ssh-wrapped", "s4", stcpWrappedPort)
                        .ofUser("alice").wrapped(true, true),
                VisitorSpec.of(VisitorType.SUDP, "dns-v", "dns", "u3", sudpPort).ofUser("alice").wrapped(false, true)));

        try {
            TcpRoundTrip.assertEchoed(stcpPort, 1 << 20, 11);
            TcpRoundTrip.assertEchoed(stcpWrappedPort, 1 << 20, 12);
            try (UdpClient user = new UdpClient()) {
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", sudpPort);
                assertThat(user.warmUp(target, "first".getBytes())).isEqualTo("first".getBytes());
                Random random = new Random(5);
                for (int i = 0; i < 20; i++) {
                    byte[] data = new byte[1 + random.nextInt(1400)];
                    random.nextBytes(data);
                    assertThat(user.exchangeRetrying(target, data, 5, 1000)).isEqualTo(data);
                }
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + peers.stockLogs(), e);
        }
    }

    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("udpPairings")
    void udpProxiesCarryDatagramsWhole(Impl server, Impl client) throws Exception {
        UdpEcho udpEcho = closer.add(new UdpEcho());
        Peers peers = closer.add(new Peers(dir, TOKEN));
        int serverPort = peers.server(server, c -> c);
        int plain = UdpPorts.free();
        int wrapped = UdpPorts.free();
        peers.owner(client, serverPort, "", List.of(
                new ProxySpec(ProxyType.UDP, "udp-plain", udpEcho.port(), plain, "", List.of(), false, false),
                new ProxySpec(ProxyType.UDP, "udp-wrapped", udpEcho.port(), wrapped, "", List.of(), true, true)));
        try (UdpClient user = new UdpClient()) {
            for (int port : new int[] {plain, wrapped}) {
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
                assertThat(user.warmUp(target, "first".getBytes())).as("port %d%s", port,
                        peers.stockLogs()).isEqualTo("first".getBytes());
                Random random = new Random(port);
                for (int i = 0; i < 20; i++) {
                    byte[] data = new byte[1500];
                    random.nextBytes(data);
                    assertThat(user.exchangeRetrying(target, data, 5, 1000)).isEqualTo(data);
                }
            }
        }
    }

    static Stream<Arguments> udpPairings() {
        return Stream.of(Arguments.of(Impl.JFRP, Impl.FRP), Arguments.of(Impl.FRP, Impl.JFRP));
    }
}
