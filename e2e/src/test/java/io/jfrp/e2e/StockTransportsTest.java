package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.config.model.ServerTlsConfig;
import io.jfrp.config.model.ServerTransportConfig;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.server.FrpServer;
import io.jfrp.server.transport.ServerTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jfrp against stock frp 0.70.0 over each transport, in both directions: stock frpc to jfrps and
 * jfrpc to stock frps, over tcp with wire v2, websocket (TLS inside or not, with frp's 0x17 byte or
 * not), wss (which jfrps terminates itself; stock frps behind a TLS-terminating forwarder, as frp
 * documents it), kcp and quic, in v1 and v2, with and without tcpMux. A tcp proxy carries known-length
 * echoes from the server's remote port to a local service, hash-checked.
 */
class StockTransportsTest extends E2eCase {
    private static final String TOKEN = "stock-transports";

    @ParameterizedTest(name = "frpc {0} tls={1} tcpMux={2} wire={3} firstByte={4}")
    @CsvFileSource(resources = {"stock-transports-both-directions.csv", "stock-transports-frpc-to-jfrps.csv"})
    void stockFrpcReachesJfrps(String protocol, boolean tls, boolean tcpMux, String wire, boolean firstByte)
            throws Exception {
        StockFrp.home();
        ServerTransportConfig udp = ServerTransportConfig.DEFAULT.withKcpBindPort(TransportsTest.freeUdpPort())
                .withQuicBindPort(TransportsTest.freeUdpPort());
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux).withTransport(udp));
        int serverPort = switch (protocol) {
            case "kcp" -> server.kcpAddress().getPort();
            case "quic" -> server.quicAddress().getPort();
            default -> server.address().getPort();
        };
        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        String config = "serverAddr = \"127.0.0.1\"\nserverPort = " + serverPort + "\n"
                + "auth.token = \"" + TOKEN + "\"\nloginFailExit = true\n"
                + "transport.protocol = \"" + protocol + "\"\ntransport.wireProtocol = \"" + wire + "\"\n"
                + "transport.tcpMux = " + tcpMux + "\ntransport.tls.enable = " + tls + "\n"
                + "transport.tls.disableCustomTLSFirstByte = " + !firstByte + "\n"
                + (protocol.equals("wss") ? "transport.tls.serverName = \"localhost\"\n" : "")
                + StockFrp.logConfig()
                + "[[proxies]]\nname = \"echo\"\ntype = \"tcp\"\nlocalIP = \"127.0.0.1\"\nlocalPort = " + echo.port()
                + "\nremotePort = " + remotePort + "\n";
        try (StockFrp frpc = StockFrp.start("frpc", dir, config)) {
            frpc.awaitLog("[echo] start proxy success", 20);
            echoThrough(remotePort);
            assertThat(server.clientCount()).isEqualTo(1);
            assertThat(frpc.log()).as("frpc's log").doesNotContain("[E]");
        }
    }

    /**
     * jfrps' QUIC keepalive is a DATAGRAM frame, which quic-go (stock frpc) does not take: written to it,
     * it ends the connection. With jfrps' keepalivePeriod at 0.5 s and frpc pinging every second itself,
     * 4 s idle: frpc logs in once and logs no error, and the proxy still carries bytes.
     */
    @Test
    void jfrpsSendsNoKeepaliveDatagramToStockFrpc() throws Exception {
        StockFrp.home();
        int quicPort = TransportsTest.freeUdpPort();
        FrpServer server = server(TOKEN, c -> c.withTransport(ServerTransportConfig.DEFAULT.withQuicBindPort(quicPort)
                .withQuic(new QuicOptions(Duration.ofMillis(500), Duration.ofSeconds(3), 100))));
        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        String config = "serverAddr = \"127.0.0.1\"\nserverPort = " + server.quicAddress().getPort() + "\n"
                + "auth.token = \"" + TOKEN + "\"\nloginFailExit = true\ntransport.protocol = \"quic\"\n"
                + "transport.quic.keepalivePeriod = 1\n" + StockFrp.logConfig()
                + "[[proxies]]\nname = \"echo\"\ntype = \"tcp\"\nlocalIP = \"127.0.0.1\"\nlocalPort = " + echo.port()
                + "\nremotePort = " + remotePort + "\n";
        try (StockFrp frpc = StockFrp.start("frpc", dir, config)) {
            frpc.awaitLog("[echo] start proxy success", 20);
            Thread.sleep(4_000); // 8 of jfrps' keepalive periods
            echoThrough(remotePort);
            assertThat(frpc.log()).as("frpc's log").doesNotContain("[E]")
                    .containsOnlyOnce("login to server success");
        }
    }

    @ParameterizedTest(name = "jfrpc {0} tls={1} tcpMux={2} wire={3} firstByte={4}")
    @CsvFileSource(resources = "stock-transports-both-directions.csv")
    void jfrpcReachesStockFrps(String protocol, boolean tls, boolean tcpMux, String wire, boolean firstByte)
            throws Exception {
        StockFrp.home();
        int bindPort = StockFrp.freePort();
        int kcpPort = TransportsTest.freeUdpPort();
        int quicPort = TransportsTest.freeUdpPort();
        String config = "bindAddr = \"127.0.0.1\"\nbindPort = " + bindPort + "\nkcpBindPort = " + kcpPort
                + "\nquicBindPort = " + quicPort + "\nauth.token = \"" + TOKEN + "\"\n"
                + "transport.tcpMux = " + tcpMux + "\n" + StockFrp.logConfig();
        try (StockFrp frps = StockFrp.start("frps", dir, config)) {
            frps.awaitLog("frps started successfully", 10);
            int serverPort = switch (protocol) {
                case "kcp" -> kcpPort;
                case "quic" -> quicPort;
                case "wss" -> closer.add(new TlsTerminator(ServerTls.context(new ServerTlsConfig(false, null, null, null,
                        dir.resolve("terminator"))), new InetSocketAddress("127.0.0.1", bindPort))).port();
                default -> bindPort;
            };
            EchoService echo = closer.add(new EchoService());
            int remotePort = E2e.freePort();
            FrpClient client = client(serverPort, TOKEN, List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echo.port(),
                    remotePort).build()), c -> c.withTcpMux(tcpMux).withTls(tls, null, null, null, null)
                    .withTransport(ClientTransportConfig.DEFAULT.withProtocol(TransportProtocol.fromFrpName(protocol))
                            .withWireProtocol(WireProtocol.fromConfigName(wire)))
                    .withCustomTlsFirstByte(firstByte));
            try {
                client.start().get(20, TimeUnit.SECONDS);
                E2e.awaitProxyUp(client, "echo", remotePort);
                echoThrough(remotePort);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(e + "\nfrps log:\n" + frps.log(), e);
            }
            assertThat(frps.log()).as("frps's log").doesNotContain("[E]");
        }
    }

    /** Three known-length echoes through the proxy's {@code remotePort}, hash-checked. */
    private static void echoThrough(int remotePort) throws Exception {
        for (int i = 0; i < 3; i++) {
            TransportsTest.echoKnownLength(remotePort, 200_000 + i, i);
        }
    }
}
