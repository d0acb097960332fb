package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.udp.Peers.Impl;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code transport.proxyProtocolVersion} on udp proxies, on real sockets: the local service receives
 * each user's first datagram with a PROXY protocol header in front, in the same datagram, and the
 * later ones bare, exactly as frp 0.70's {@code udp.Forwarder} sends them (v2: family UDP4 with the
 * user's address and localIP:localPort; v1: {@code PROXY UNKNOWN\r\n}). The expected bytes are built
 * here by hand from the PROXY protocol specification, not by the code under test. Stock frp 0.70 plays
 * the server or the client in some cases: stock frpc writes the header itself there, which checks that
 * jfrps hands it the user's address as frps does.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(LeakDetectionExtension.class)
class UdpProxyProtocolTest extends E2eCase {
    private static final String TOKEN = "udp-proxy-protocol";
    private static final byte[] V2_SIGNATURE = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a");

    @ParameterizedTest(name = "server {0}, client {1}, {2}")
    @CsvSource({"JFRP, JFRP, v2", "JFRP, JFRP, v1", "FRP, JFRP, v2", "JFRP, FRP, v2", "JFRP, FRP, v1"})
    void eachUsersFirstDatagramCarriesTheHeaderAndTheRestGoBare(Impl server, Impl client, String version)
            throws Exception {
        Recorder service = closer.add(new Recorder());
        int remotePort = UdpPorts.free();
        Peers peers = closer.add(new Peers(dir, TOKEN));
        int serverPort = peers.server(server, c -> c);
        startClient(client, serverPort, service.port(), remotePort, version);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", remotePort);
        try (UdpClient alice = new UdpClient(); UdpClient bob = new UdpClient()) {
            try {
                // The first datagrams may meet a tunnel still opening: repeat until one comes back.
                assertThat(alice.warmUp(target, "alice-1".getBytes(StandardCharsets.US_ASCII))).isNotNull();
                byte[] aliceHeader = header(version, alice.port(), service.port());
                List<byte[]> fromAlice = service.fromSocket(0);
                assertThat(fromAlice).isNotEmpty();
                assertThat(hex(fromAlice.get(0))).as("alice's first datagram")
                        .isEqualTo(hex(concat(aliceHeader, "alice-1".getBytes(StandardCharsets.US_ASCII))));
                for (byte[] retry : fromAlice.subList(1, fromAlice.size())) {
                    assertThat(new String(retry, StandardCharsets.US_ASCII)).as("a retry goes bare").isEqualTo("alice-1");
                }

                // Later datagrams of the same user: no header.
                int seen = fromAlice.size();
                byte[] second = "alice-2 and more".getBytes(StandardCharsets.US_ASCII);
                assertThat(alice.exchangeRetrying(target, second, 5, 1000)).isNotNull();
                assertThat(service.fromSocket(0).subList(seen, seen + 1)).singleElement()
                        .satisfies(d -> assertThat(hex(d)).isEqualTo(hex(second)));

                // Another user gets a header of its own, with its own port.
                byte[] bobFirst = "bob-1".getBytes(StandardCharsets.US_ASCII);
                assertThat(bob.exchangeRetrying(target, bobFirst, 5, 1000)).isNotNull();
                assertThat(hex(service.fromSocket(1).get(0))).as("bob's first datagram")
                        .isEqualTo(hex(concat(header(version, bob.port(), service.port()), bobFirst)));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + peers.stockLogs(), e);
            }
        }
    }

    /** Starts the client owning udp proxy "pp" of 127.0.0.1:{@code localPort} on {@code remotePort}. */
    private void startClient(Impl impl, int serverPort, int localPort, int remotePort, String version)
            throws Exception {
        if (impl == Impl.JFRP) {
            FrpClient c = client(serverPort, TOKEN, List.of(ProxyBuilder.udp("pp", "127.0.0.1", localPort, remotePort)
                    .transport(new ProxyTransport(false, false, "", "client", version)).build()), c2 -> c2);
            c.start().get(10, TimeUnit.SECONDS);
            E2e.awaitProxy(c, "pp");
            return;
        }
        String toml = "serverAddr = \"127.0.0.1\"\nserverPort = " + serverPort + "\nauth.token = \"" + TOKEN
                + "\"\nloginFailExit = true\n" + StockFrp.logConfig()
                + "\n[[proxies]]\nname = \"pp\"\ntype = \"udp\"\nlocalIP = \"127.0.0.1\"\nlocalPort = " + localPort
                + "\nremotePort = " + remotePort + "\ntransport.proxyProtocolVersion = \"" + version + "\"\n";
        Path home = Files.createDirectories(dir.resolve("frpc-pp"));
        StockFrp frpc = closer.add(StockFrp.start("frpc", home, toml));
        frpc.awaitLog("[pp] start proxy success", 10);
    }

    /**
     * The header frp sends before a datagram from 127.0.0.1:{@code userPort} to 127.0.0.1:{@code
     * servicePort}, from the specification: v2 is the signature, 0x21 (version 2, PROXY), 0x12 (UDP over
     * IPv4), length 12, both addresses, both ports; v1 has no UDP form and says UNKNOWN.
     */
    private static byte[] header(String version, int userPort, int servicePort) {
        if (version.equals("v1")) {
            return "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(V2_SIGNATURE);
        b.writeBytes(new byte[] {0x21, 0x12, 0x00, 0x0c, 127, 0, 0, 1, 127, 0, 0, 1});
        b.writeBytes(new byte[] {(byte) (userPort >> 8), (byte) userPort, (byte) (servicePort >> 8), (byte) servicePort});
        return b.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /**
     * The local service: records every datagram with the port of the client's socket it came from and
     * answers "ok". The client gives each user a socket of its own, so the socket tells the users apart
     * (in the order they first got through).
     */
    static final class Recorder implements AutoCloseable {
        private final UdpService service;
        private final List<Received> received = new ArrayList<>();

        private record Received(int fromPort, byte[] data) {
        }

        Recorder() throws SocketException {
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            service = new UdpService(InetAddress.getLoopbackAddress(), 0, "udp-pp-recorder", (p, socket) -> {
                synchronized (this) {
                    received.add(new Received(p.getPort(), Arrays.copyOf(p.getData(), p.getLength())));
                }
                socket.send(new DatagramPacket(ok, ok.length, p.getSocketAddress()));
            });
        }

        int port() {
            return service.port();
        }

        /**
         * The datagrams, in order, from the {@code index}th socket of the client to send here (each
         * user has one: 0 for the first user to get through); waits until it has sent one.
         */
        List<byte[]> fromSocket(int index) {
            List<byte[]> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                out.clear();
                out.addAll(ofSocket(index));
                assertThat(out).as("datagrams from the client's socket %d", index).isNotEmpty();
            });
            return out;
        }

        private synchronized List<byte[]> ofSocket(int index) {
            List<Integer> sockets = received.stream().map(Received::fromPort).distinct().toList();
            if (sockets.size() <= index) {
                return List.of();
            }
            int port = sockets.get(index);
            return received.stream().filter(r -> r.fromPort() == port).map(Received::data).toList();
        }

        @Override
        public void close() throws InterruptedException {
            service.close();
        }
    }
}
