package io.jfrp.e2e.udp;

import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorType;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.udp.Peers.Impl;
import io.jfrp.e2e.udp.Peers.ProxySpec;
import io.jfrp.e2e.udp.Peers.VisitorSpec;
import io.jfrp.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An sudp proxy and its visitor on clients (stock frpc 0.70.0, and jfrpc as frp's own e2e runs it) of
 * different wire protocols (one v1,
 * one v2) through jfrps: v1 and v2 frame UDPPacket differently, so jfrps must bridge the pair message
 * by message (frp 0.70's mixed sudp bridge; frp's e2e "mixed sudp proxy v1 visitor v2" and "v2 visitor
 * v1"). Same-protocol pairs stay a byte relay and are checked alongside. Datagrams of random bytes
 * come back whole (compared byte for byte and by a digest of all of them).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class MixedWireSudpTest extends E2eCase {
    private static final String TOKEN = "mixed-wire";

    @ParameterizedTest(name = "owner {0} {3}, visitor {1} {4}, wrapped {2}")
    @CsvSource({"v1, v2, true, FRP, FRP", "v2, v1, false, FRP, FRP", "v2, v1, true, FRP, FRP", "v1, v2, false, FRP, FRP",
            "v2, v2, true, FRP, FRP", "v2, v1, false, JFRP, JFRP", "v1, v2, true, JFRP, JFRP"})
    void sudpDatagramsCrossWireProtocols(String ownerWire, String visitorWire, boolean wrapped, Impl ownerImpl,
                                         Impl visitorImpl) throws Exception {
        UdpEcho udpEcho = closer.add(new UdpEcho());
        Peers peers = closer.add(new Peers(dir, TOKEN)).wireProtocols(ownerWire, visitorWire);
        int serverPort = peers.server(Impl.JFRP, c -> c);
        peers.owner(ownerImpl, serverPort, "alice", List.of(
                ProxySpec.secret(ProxyType.SUDP, "dns", udpEcho.port(), "k1").wrapped(wrapped, wrapped)));
        int sudpPort = UdpPorts.free();
        peers.visitor(visitorImpl, serverPort, "alice", List.of(
                VisitorSpec.of(VisitorType.SUDP, "dns-v", "dns", "k1", sudpPort).wrapped(wrapped, wrapped)));
        try (UdpClient user = new UdpClient()) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", sudpPort);
            assertThat(user.warmUp(target, "first".getBytes())).isEqualTo("first".getBytes());
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest back = MessageDigest.getInstance("SHA-256");
            Random random = new Random(ownerWire.hashCode() * 31 + visitorWire.hashCode());
            for (int i = 0; i < 30; i++) {
                byte[] data = new byte[1 + random.nextInt(1400)];
                random.nextBytes(data);
                sent.update(data);
                byte[] echoed = user.exchangeRetrying(target, data, 5, 1000);
                back.update(echoed);
                assertThat(echoed).as("datagram %d", i).isEqualTo(data);
            }
            assertThat(back.digest()).isEqualTo(sent.digest());
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + peers.stockLogs(), e);
        }
    }
}
