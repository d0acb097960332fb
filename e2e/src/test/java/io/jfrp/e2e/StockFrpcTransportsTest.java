package io.jfrp.e2e;

import io.jfrp.config.model.ServerTransportConfig;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock frpc 0.70.0 reaches jfrps over each transport it has: tcp with wire v2, websocket (TLS inside
 * or not, with frp's 0x17 byte or not), wss (which jfrps terminates itself, stock frps cannot), kcp
 * and quic, in v1 and v2, with and without tcpMux. frpc's tcp proxy carries known-length echoes from
 * jfrps's remote port to a local service, hash-checked.
 */
class StockFrpcTransportsTest extends E2eCase {
    private static final String TOKEN = "stock-frpc-transports";

    @ParameterizedTest(name = "frpc {0} tls={1} tcpMux={2} wire={3} firstByte={4}")
    @CsvSource({
        "tcp,       true,  true,  v2, false",
        "tcp,       false, false, v2, false",
        "websocket, true,  true,  v1, false",
        "websocket, true,  true,  v2, true",
        "websocket, false, true,  v2, false",
        "websocket, true,  false, v1, false",
        "wss,       true,  true,  v1, false",
        "wss,       true,  true,  v2, false",
        "kcp,       true,  true,  v1, false",
        "kcp,       false, true,  v2, false",
        "kcp,       true,  true,  v2, true",
        "quic,      true,  true,  v1, false",
        "quic,      true,  true,  v2, false",
        "quic,      true,  false, v2, false",
    })
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
            for (int i = 0; i < 3; i++) {
                TransportsTest.echoKnownLength(remotePort, 200_000 + i, i);
            }
            assertThat(server.clientCount()).isEqualTo(1);
            assertThat(frpc.log()).as("frpc's log").doesNotContain("[E]");
        }
    }
}
