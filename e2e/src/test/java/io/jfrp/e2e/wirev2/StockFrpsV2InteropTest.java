package io.jfrp.e2e.wirev2;

import io.jfrp.protocol.wire.AeadAlgorithm;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our v2 client pieces against stock frps 0.70.0: TLS, yamux (or a connection per use), magic +
 * ClientHello + Login, the ServerHello checked, the control stream switched to the negotiated AEAD
 * (NewProxy, NewProxyResp and ReqWorkConn all cross it), v2 work connections, and a payload from a
 * public connection to frps's remote port echoed back through them, hash-checked.
 */
class StockFrpsV2InteropTest {
    private static final String TOKEN = "wire-v2-token";
    private static EventLoopGroup group;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

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
            try (V2ClientPieces client = new V2ClientPieces(group, bindPort, tcpMux, TOKEN, offered, "wirev2",
                    remotePort)) {
                client.start();
                String why = "\nfrps log:\n";
                assertThat(await(client.negotiated, frps)).as("the server picks the client's first").isEqualTo(preferred);
                assertThat(await(client.runId, frps)).isNotEmpty();
                assertThat(await(client.proxyRemoteAddr, frps)).isEqualTo(":" + remotePort);

                for (int round = 0; round < 2; round++) {
                    byte[] payload = Payload.random(512 * 1024 + round, round);
                    byte[] echoed = roundTrip(remotePort, payload);
                    assertThat(Payload.sha256(echoed)).as("round %d%s%s", round, why, frps.log())
                            .isEqualTo(Payload.sha256(payload));
                }
                assertThat(client.workConnections.get()).isGreaterThanOrEqualTo(2);
                assertThat(client.errors).isEmpty();
                assertThat(frps.log()).doesNotContain("[E]");
            }
        }
    }

    private static <T> T await(CompletableFuture<T> f, StockFrp frps) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e + "\nfrps log:\n" + frps.log(), e);
        }
    }

    /** Sends {@code payload} to frps's public port and reads as many bytes back (20 s at most). */
    private static byte[] roundTrip(int port, byte[] payload) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(payload);
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = in.readNBytes(payload.length);
            writer.get(20, TimeUnit.SECONDS);
            return back;
        }
    }
}
