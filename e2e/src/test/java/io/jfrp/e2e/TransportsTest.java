package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.config.model.ServerTransportConfig;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * jfrpc reaches jfrps over every transport (tcp, websocket, wss, kcp, quic), with and without TLS,
 * tcpMux and wire v2, on real sockets: a tcp proxy carries several concurrent connections whose
 * echoes are hash-checked, then the client closes and the server sees it go.
 */
class TransportsTest extends E2eCase {
    private static final String TOKEN = "transports";

    @ParameterizedTest(name = "{0} tls={1} tcpMux={2} wire={3}")
    @CsvSource({
        "tcp,       true,  true,  v1",
        "tcp,       true,  true,  v2",
        "tcp,       false, false, v2",
        "websocket, true,  true,  v1",
        "websocket, false, true,  v2",
        "websocket, true,  false, v1",
        "websocket, false, false, v1",
        "wss,       true,  true,  v2",
        "wss,       true,  false, v1",
        "kcp,       true,  true,  v1",
        "kcp,       false, true,  v2",
        "kcp,       false, false, v1",
        "quic,      true,  true,  v1",
        "quic,      true,  true,  v2",
        "quic,      false, false, v1",
    })
    void aTcpProxyWorksOverEveryTransport(String protocol, boolean tls, boolean tcpMux, String wire) throws Exception {
        TransportProtocol transport = TransportProtocol.fromFrpName(protocol);
        int kcpPort = freeUdpPort();
        int quicPort = freeUdpPort();
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux)
                .withTransport(ServerTransportConfig.DEFAULT.withKcpBindPort(kcpPort).withQuicBindPort(quicPort)));
        int serverPort = switch (transport) {
            case KCP -> server.kcpAddress().getPort();
            case QUIC -> server.quicAddress().getPort();
            default -> server.address().getPort();
        };
        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        tcpClientUp(serverPort, TOKEN, "echo", echo.port(), remotePort, c -> c.withTcpMux(tcpMux)
                .withTls(tls, null, null, null, null)
                .withTransport(ClientTransportConfig.DEFAULT.withProtocol(transport)
                        .withWireProtocol(WireProtocol.fromConfigName(wire))));

        if (transport == TransportProtocol.KCP && !tcpMux) {
            // KCP has no end of stream (no FIN): without yamux a half-close cannot cross it (nor in
            // stock frp), so this echo is of a known length and the client closes when it has it all.
            for (int i = 0; i < 3; i++) {
                echoKnownLength(remotePort, 300_000, i);
            }
        } else {
            exchangeConcurrently(remotePort, 4, 300_000);
        }
        assertThat(server.clientCount()).isEqualTo(1);
    }

    /**
     * Sends {@code size} seeded bytes and reads as many back (no half-close: stock frp ends a relay at
     * the first end of stream, and KCP has none), comparing hashes.
     */
    static void echoKnownLength(int port, int size, long seed) throws Exception {
        byte[] payload = E2e.seeded(size, seed);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    E2e.writeAll(s.getOutputStream(), payload, 0, size);
                } catch (IOException ignored) {
                    // the reader sees a short read
                }
            });
            writer.start();
            byte[] back = s.getInputStream().readNBytes(size);
            writer.join(10_000);
            assertThat(E2e.sha256Hex(back)).isEqualTo(E2e.sha256Hex(payload));
        }
    }

    /**
     * An idle QUIC connection stays up through its idle timeout: jfrpc's keepalive DATAGRAM every
     * keepalivePeriod (0.5 s) reaches jfrps, whose and jfrpc's idle timeouts are 2 s, over 5 s of
     * silence (tcpMux's heartbeats off, so nothing else crosses); no connection lost, no login again,
     * and the proxy still carries bytes. Failed while Netty's misread transport parameters kept the
     * keepalive from going (QuicPeerDatagrams).
     */
    @Test
    void anIdleQuicConnectionOutlivesItsIdleTimeout() throws Exception {
        int quicPort = freeUdpPort();
        QuicOptions quick = new QuicOptions(Duration.ofMillis(500), Duration.ofSeconds(2), 100);
        FrpServer server = server(TOKEN, c -> c.withTransport(ServerTransportConfig.DEFAULT.withQuicBindPort(quicPort)
                .withQuic(quick)));
        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        FrpClient client = tcpClientUp(server.quicAddress().getPort(), TOKEN, "echo", echo.port(), remotePort,
                c -> c.withTransport(ClientTransportConfig.DEFAULT.withProtocol(TransportProtocol.QUIC).withQuic(quick)));
        long logins = client.linkStatus().logins();

        Thread.sleep(5_000); // idle: 2.5 idle timeouts

        assertThat(client.linkStatus().failures()).as("connections lost while idle: %s", client.linkStatus().lastError())
                .isZero();
        assertThat(client.linkStatus().logins()).isEqualTo(logins);
        exchangeConcurrently(remotePort, 2, 100_000);
    }

    /**
     * jfrps' own transport.quic.keepalivePeriod keeps an idle QUIC connection up: the server sends its
     * keepalive DATAGRAM every 0.5 s while jfrpc's would go only after 60 s, with both idle timeouts at
     * 2 s, over 5 s of silence. Failed while jfrps accepted the key and sent nothing (the connection was
     * lost at its idle timeout and the client logged in again).
     */
    @Test
    void theServersKeepaliveAloneKeepsAnIdleQuicConnectionUp() throws Exception {
        int quicPort = freeUdpPort();
        FrpServer server = server(TOKEN, c -> c.withTransport(ServerTransportConfig.DEFAULT.withQuicBindPort(quicPort)
                .withQuic(new QuicOptions(Duration.ofMillis(500), Duration.ofSeconds(2), 100))));
        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        QuicOptions silentClient = new QuicOptions(Duration.ofSeconds(60), Duration.ofSeconds(2), 100);
        FrpClient client = tcpClientUp(server.quicAddress().getPort(), TOKEN, "echo", echo.port(), remotePort,
                c -> c.withTransport(ClientTransportConfig.DEFAULT.withProtocol(TransportProtocol.QUIC).withQuic(silentClient)));
        long logins = client.linkStatus().logins();

        Thread.sleep(5_000); // idle: 2.5 idle timeouts

        assertThat(client.linkStatus().failures()).as("connections lost while idle: %s", client.linkStatus().lastError())
                .isZero();
        assertThat(client.linkStatus().logins()).isEqualTo(logins);
        exchangeConcurrently(remotePort, 2, 100_000);
    }

    @Test
    void kcpMayShareThePortNumberOfBindPort() throws Exception {
        int port = E2e.freePort();
        FrpServer server = server(TOKEN, c -> c.withBindPort(port)
                .withTransport(ServerTransportConfig.DEFAULT.withKcpBindPort(port)));
        assertThat(server.kcpAddress().getPort()).isEqualTo(server.address().getPort());
        EchoService echo = closer.add(new EchoService());
        int tcpRemote = E2e.freePort();
        int kcpRemote = E2e.freePort();
        tcpClientUp(port, TOKEN, "tcp", echo.port(), tcpRemote, c -> c);
        tcpClientUp(port, TOKEN, "kcp", echo.port(), kcpRemote, c -> c.withTransport(
                ClientTransportConfig.DEFAULT.withProtocol(TransportProtocol.KCP)));

        exchangeConcurrently(tcpRemote, 2, 100_000);
        exchangeConcurrently(kcpRemote, 2, 100_000);
        assertThat(server.clientCount()).isEqualTo(2);
    }

    @Test
    void aClientOfAnotherTransportThanTheServerOffersFailsItsLogin() throws Exception {
        FrpServer server = server(TOKEN, c -> c); // no kcpBindPort, no quicBindPort
        // Nothing answers, so the login waits out transport.dialServerTimeout: 2 s here instead of frp's
        // 10, still a thousand times a QUIC handshake on loopback.
        FrpClient quic = client(server.address().getPort(), TOKEN, List.of(), c -> c
                .withDialServerTimeout(Duration.ofSeconds(2))
                .withTransport(ClientTransportConfig.DEFAULT.withProtocol(TransportProtocol.QUIC)));

        Throwable failure = catchThrowable(() -> quic.start().get(30, TimeUnit.SECONDS));

        assertThat(failure).as("nobody answers QUIC on the TCP port's number").isNotNull();
        assertThat(failure).hasStackTraceContaining("no QUIC handshake with");
        assertThat(server.clientCount()).isZero();
    }

    private static void exchangeConcurrently(int port, int connections, int size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<PublicClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long seed = 31L * i + size;
                results.add(pool.submit(() -> PublicClient.exchange(port, size, seed)));
            }
            for (Future<PublicClient.Result> f : results) {
                PublicClient.Result r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.receivedBytes()).isEqualTo(size);
                assertThat(r.received()).isEqualTo(r.sent());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A UDP port free on loopback right now. */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
