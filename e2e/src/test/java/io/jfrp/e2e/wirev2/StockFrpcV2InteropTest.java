package io.jfrp.e2e.wirev2;

import io.jfrp.protocol.wire.AeadAlgorithm;
import io.jfrp.protocol.wire.ClientHello;
import io.jfrp.protocol.wire.HelloJson;
import io.jfrp.protocol.wire.WireFrames;
import io.jfrp.protocol.wire.WireProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock frpc 0.70.0 with {@code transport.wireProtocol = "v2"} (and once "v1", through the same
 * detection) against a server made of our pieces
 * ({@link V2ServerPieces}): detection, hellos, a token-checked Login, NewProxy read through the AEAD,
 * ReqWorkConn sent through it, NewWorkConn on a new v2 stream (or connection), StartWorkConn, and a
 * payload relayed to frpc's local echo service and back, hash-checked.
 */
class StockFrpcV2InteropTest extends PiecesCase {
    private static final String TOKEN = "wire-v2-token";

    @ParameterizedTest(name = "frpc wireProtocol {0}, tcpMux {1}, server accepts {2}")
    @CsvSource({"v2, true, both", "v2, true, xchacha20-poly1305", "v2, false, both", "v1, true, both"})
    void stockFrpcLogsInAndRelaysThroughOurServer(String wireProtocol, boolean tcpMux, String accepted) throws Exception {
        WireProtocol protocol = WireProtocol.fromConfigName(wireProtocol);
        Set<AeadAlgorithm> algorithms = accepted.equals("both") ? EnumSet.allOf(AeadAlgorithm.class)
                : EnumSet.of(AeadAlgorithm.forWireNameOrNull(accepted));
        // Stock frpc offers aes-256-gcm first on a CPU with AES instructions; a server accepting only
        // xchacha20-poly1305 makes it use that one. A v1 frpc negotiates nothing (AES-128-CFB).
        AeadAlgorithm expected = protocol == WireProtocol.V1 ? null
                : algorithms.size() == 1 ? algorithms.iterator().next() : AeadAlgorithm.AES_256_GCM;
        try (LocalEcho echo = new LocalEcho();
             V2ServerPieces server = new V2ServerPieces(LOOPS.group(), tcpMux, TOKEN, algorithms)) {
            int remotePort = 6000; // registered, never bound: this server has no public side
            String config = "serverAddr = \"127.0.0.1\"\nserverPort = " + server.port() + "\n"
                    + "auth.token = \"" + TOKEN + "\"\nloginFailExit = true\n"
                    + "transport.wireProtocol = \"" + wireProtocol + "\"\ntransport.tcpMux = " + tcpMux + "\n"
                    + StockFrp.logConfig()
                    + "[[proxies]]\nname = \"echo\"\ntype = \"tcp\"\nlocalIP = \"127.0.0.1\"\nlocalPort = "
                    + echo.port() + "\nremotePort = " + remotePort + "\n";
            try (StockFrp frpc = StockFrp.start("frpc", dir, config)) {
                assertThat(frpc.await(server.negotiated)).isEqualTo(expected);
                assertThat(frpc.await(server.login).version()).isEqualTo("0.70.0");
                assertThat(frpc.await(server.proxy).proxyName()).isEqualTo("echo");
                frpc.awaitLog("[echo] start proxy success", 10);
                byte[] first = frpc.await(server.firstControlBytes);
                if (protocol == WireProtocol.V2) {
                    checkFirstBytes(first, tcpMux);
                } else {
                    assertThat(first[0]).as("a v1 Login, replayed past detection").isEqualTo((byte) 'o');
                }

                for (int round = 0; round < 2; round++) {
                    byte[] payload = Payload.random(256 * 1024 + round, 40 + round);
                    byte[] back = frpc.await(server.requestWorkConnection(payload));
                    assertThat(Payload.sha256(back)).as("round %d\nfrpc log:\n%s", round, frpc.log())
                            .isEqualTo(Payload.sha256(payload));
                }
                assertThat(server.protocols).as("control and both work connections").hasSize(3)
                        .containsOnly(protocol);
                assertThat(server.errors).isEmpty();
                assertThat(frpc.log()).doesNotContain("[E]");
            }
        }
    }

    /** What stock frpc v2 wrote first: the magic, then a ClientHello our writer reproduces byte for byte. */
    private static void checkFirstBytes(byte[] first, boolean tcpMux) {
        assertThat(Arrays.copyOf(first, 7)).isEqualTo(WireFrames.magic());
        ByteBuf b = Unpooled.wrappedBuffer(first, 7, first.length - 7);
        assertThat(b.readUnsignedShort()).as("ClientHello frame").isEqualTo(1);
        assertThat(b.readUnsignedShort()).isZero();
        byte[] payload = new byte[b.readInt()];
        b.readBytes(payload);
        ClientHello hello = HelloJson.readClientHello(payload);
        assertThat(hello.bootstrap()).isEqualTo(new ClientHello.Bootstrap("tcp", true, tcpMux));
        assertThat(hello.capabilities().message().codecs()).containsExactly("json");
        assertThat(hello.capabilities().crypto().algorithms()).containsExactly("aes-256-gcm", "xchacha20-poly1305");
        assertThat(hello.capabilities().crypto().clientRandom().bytes()).hasSize(32);
        assertThat(HelloJson.write(hello)).as("Go's bytes, rewritten by HelloJson").isEqualTo(payload);
        // Login follows at once, as a Message frame with id 1.
        assertThat(b.readUnsignedShort()).isEqualTo(16);
        assertThat(b.readUnsignedShort()).isZero();
        b.readInt();
        assertThat(b.readUnsignedShort()).isEqualTo(1);
    }

}
