package io.jfrp.e2e.wirev2;

import io.jfrp.e2e.E2e;
import io.jfrp.protocol.wire.AeadAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our v2 client pieces against stock frps 0.70.0: TLS, yamux (or a connection per use), magic +
 * ClientHello + Login, the ServerHello checked, the control stream switched to the negotiated AEAD
 * (NewProxy, NewProxyResp and ReqWorkConn all cross it), v2 work connections, and a payload from a
 * public connection to frps's remote port echoed back through them, hash-checked.
 */
class StockFrpsV2InteropTest extends PiecesCase {
    private static final String TOKEN = "wire-v2-token";

    @ParameterizedTest(name = "tcpMux {0}, client offers {1} first")
    @CsvSource({"true, aes-256-gcm", "true, xchacha20-poly1305", "false, aes-256-gcm"})
    void logsInRegistersAndRelaysOverV2(boolean tcpMux, String first) throws Exception {
        AeadAlgorithm preferred = AeadAlgorithm.forWireNameOrNull(first);
        List<AeadAlgorithm> offered = preferred == AeadAlgorithm.AES_256_GCM
                ? List.of(AeadAlgorithm.AES_256_GCM, AeadAlgorithm.XCHACHA20_POLY1305)
                : List.of(AeadAlgorithm.XCHACHA20_POLY1305, AeadAlgorithm.AES_256_GCM);
        int bindPort = StockFrp.freePort();
        int remotePort = StockFrp.freePort();
        String config = "bindAddr = \"127.0.0.1\"\nbindPort = " + bindPort + "\nauth.token = \"" + TOKEN + "\"\n"
                + "transport.tcpMux = " + tcpMux + "\n" + StockFrp.logConfig();
        try (StockFrp frps = StockFrp.start("frps", dir, config)) {
            frps.awaitLog("frps started successfully", 10);
            try (V2ClientPieces client = new V2ClientPieces(LOOPS.group(), bindPort, tcpMux, TOKEN, offered, "wirev2",
                    remotePort)) {
                client.start();
                String why = "\nfrps log:\n";
                assertThat(frps.await(client.negotiated)).as("the server picks the client's first").isEqualTo(preferred);
                assertThat(frps.await(client.runId)).isNotEmpty();
                assertThat(frps.await(client.proxyRemoteAddr)).isEqualTo(":" + remotePort);

                for (int round = 0; round < 2; round++) {
                    byte[] payload = Payload.random(512 * 1024 + round, round);
                    byte[] echoed = E2e.echoWithoutHalfClose(remotePort, payload);
                    assertThat(Payload.sha256(echoed)).as("round %d%s%s", round, why, frps.log())
                            .isEqualTo(Payload.sha256(payload));
                }
                assertThat(client.workConnections.get()).isGreaterThanOrEqualTo(2);
                assertThat(client.errors).isEmpty();
                assertThat(frps.log()).doesNotContain("[E]");
            }
        }
    }
}
