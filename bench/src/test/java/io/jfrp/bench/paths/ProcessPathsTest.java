package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;
import io.jfrp.bench.Mode;
import io.jfrp.bench.load.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths made of real processes carry real bytes: stock frp 0.70 in each mode the harness measures it
 * in (its files written by {@link FrpToml}, readiness by port), and the yamux relay JVMs with either
 * window. Each publishes an echo server; 1 MiB of random bytes must come back with the same SHA-256
 * (through the relay also when the sender half-closes: the FIN travels on and comes back after the echo).
 */
class ProcessPathsTest {
    @TempDir
    Path out;

    private BenchContext ctx() {
        return new BenchContext(Mode.QUICK, out, 1, Duration.ofSeconds(1), Path.of("").toAbsolutePath().getParent(),
                java.util.List.of("-Xmx128m"));
    }

    @Test
    void stockFrpCarriesBytesInEachMode() throws Exception {
        FrpTomlTest.requireStockFrp();
        try (EchoServer echo = EchoServer.start()) {
            for (TransportMode mode : PathCatalog.FRP_MODES) {
                try (FrpPath path = new FrpPath(FrpPath.Programs.stock(FrpTomlTest.STOCK_FRP), mode, Placement.LOOPBACK,
                        ctx())) {
                    PublicEndpoint endpoint = path.publish(echo.address());
                    assertThat(path.name()).isEqualTo("frp-" + mode.name());
                    assertThat(path.processes()).containsOnlyKeys("server", "client");
                    assertThat(path.processes().values()).allMatch(ProcessHandle::isAlive);
                    assertEchoes(endpoint.address(), false); // stock frp's relay closes both ways on one FIN
                }
            }
        }
        assertThat(out.resolve("logs")).isDirectoryRecursivelyContaining("glob:**/frp-pool-tls-*/frpc.toml");
    }

    @Test
    void everyTransportPathOfJfrpAndStockFrpCarriesBytes() throws Exception {
        FrpTomlTest.requireStockFrp();
        try (EchoServer echo = EchoServer.start()) {
            for (PathFactory factory : PathCatalog.all(FrpTomlTest.STOCK_FRP)) {
                if (!factory.optIn()) {
                    continue;
                }
                assertThat(factory.missingTools()).as(factory.name()).isEmpty();
                try (TunnelPath path = factory.create(ctx())) {
                    PublicEndpoint endpoint = path.publish(echo.address());
                    assertThat(path.name()).isEqualTo(factory.name());
                    assertEchoes(endpoint.address(), false);
                }
            }
        }
        assertThat(out.resolve("logs")).isDirectoryRecursivelyContaining("glob:**/jfrp-quic-*/frpc.toml")
                .isDirectoryRecursivelyContaining("glob:**/frp-kcp-tls-*/frps.toml");
    }

    @Test
    void yamuxRelayCarriesBytesWithEitherWindow() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            for (boolean fixed : new boolean[] {false, true}) {
                ProcessHandle server;
                try (MuxRelayPath path = new MuxRelayPath(fixed ? "yamux-fixed-256k" : "yamux", fixed, Placement.LOOPBACK,
                        ctx())) {
                    assertEchoes(path.publish(echo.address()).address(), true);
                    server = path.processes().get("server");
                }
                assertThat(server.isAlive()).as("the relay exits when the path closes").isFalse();
            }
        }
    }

    /**
     * Writes 1 MiB of random bytes through {@code address} and checks the echo's length and SHA-256;
     * with {@code halfClose} the writer then half-closes and the echo must end with the path's FIN.
     */
    static void assertEchoes(InetSocketAddress address, boolean halfClose) throws Exception {
        byte[] sent = new byte[1 << 20];
        new Random(7).nextBytes(sent);
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(30_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream o = s.getOutputStream();
                    o.write(sent);
                    o.flush();
                    if (halfClose) {
                        s.shutdownOutput();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = halfClose ? in.readAllBytes() : in.readNBytes(sent.length);
            writer.get(30, TimeUnit.SECONDS);
            assertThat(back.length).as("bytes echoed").isEqualTo(sent.length);
            assertThat(MessageDigest.getInstance("SHA-256").digest(back)).as("SHA-256 of the echo")
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(sent));
        }
    }
}
