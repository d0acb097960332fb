package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientTransportConfig;
import io.jfrp.config.model.ServerTlsConfig;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.server.transport.ServerTls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jfrpc reaches stock frps 0.70.0 over each transport: tcp with wire v2, websocket (TLS inside or
 * not, with frp's 0x17 byte or not), wss through a TLS-terminating forwarder in front of frps (as frp
 * documents it), kcp and quic, in v1 and v2, with and without tcpMux. A tcp proxy carries known-length
 * echoes from frps's remote port to a local service, hash-checked.
 */
class StockFrpsTransportsTest extends E2eCase {
    private static final String TOKEN = "stock-frps-transports";

    @ParameterizedTest(name = "jfrpc {0} tls={1} tcpMux={2} wire={3} firstByte={4}")
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
        "quic,      true,  true,  v1, false",
        "quic,      true,  true,  v2, false",
        "quic,      true,  false, v2, false",
    })
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
                for (int i = 0; i < 3; i++) {
                    TransportsTest.echoKnownLength(remotePort, 200_000 + i, i);
                }
            } catch (Exception | AssertionError e) {
                throw new AssertionError(e + "\nfrps log:\n" + frps.log(), e);
            }
            assertThat(frps.log()).as("frps's log").doesNotContain("[E]");
        }
    }
}
