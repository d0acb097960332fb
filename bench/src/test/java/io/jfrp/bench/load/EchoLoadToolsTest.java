package io.jfrp.bench.load;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The churn client and the idle-connection holder against a real {@link EchoServer} on loopback. */
class EchoLoadToolsTest {

    @Test
    void churnMakesVerifiedExchangesBackToBack() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            ChurnClient.Result r = ChurnClient.run(echo.address(), 2, Duration.ofMillis(200), Duration.ofSeconds(1),
                    Duration.ofSeconds(5));
            assertThat(r.errors()).as("first error: %s", r.firstError()).isZero();
            assertThat(r.exchanges()).isGreaterThan(50);
            assertThat(r.perSecond()).isCloseTo(r.exchanges(), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(r.latency().count()).isEqualTo(r.exchanges());
            assertThat(r.latency().p50Us()).isPositive().isLessThanOrEqualTo(r.latency().p99Us());
        }
    }

    @Test
    void churnCountsRefusedConnectionsAsErrors() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
        ChurnClient.Result r = ChurnClient.run(closed, 1, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(1));
        assertThat(r.exchanges()).isZero();
        assertThat(r.errors()).isPositive();
        assertThat(r.firstError()).contains(closed.toString()).contains("refused");
    }

    @Test
    void holdsIdleConnectionsProvenByEchoAndClosesThem() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            try (IdleConnections idle = IdleConnections.open(echo.address(), 300, 50, Duration.ofSeconds(30))) {
                IdleConnections.Result r = idle.result();
                assertThat(r.held()).as("first error: %s", r.firstError()).isEqualTo(300);
                assertThat(r.failed()).isZero();
                assertThat(idle.stillOpen()).isEqualTo(300);
                assertThat(echo.openConnections()).isEqualTo(300);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (echo.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(echo.openConnections()).isZero();
        }
    }

    @Test
    void idleConnectionsToAClosedPortAllFailWithTheReason() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
        try (IdleConnections idle = IdleConnections.open(closed, 20, 5, Duration.ofSeconds(10))) {
            assertThat(idle.result().held()).isZero();
            assertThat(idle.result().failed()).isEqualTo(20);
            assertThat(idle.result().firstError()).contains("connect to").contains(closed.toString());
        }
    }

    @Test
    void echoProcessServesFromItsOwnJvmAndItsMemoryCanBeRead() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("echo-process");
        try (EchoProcess echo = EchoProcess.start(dir)) {
            assertThat(echo.handle().pid()).isNotEqualTo(ProcessHandle.current().pid());
            try (IdleConnections idle = IdleConnections.open(echo.address(), 100, 20, Duration.ofSeconds(30))) {
                assertThat(idle.result().held()).as("first error: %s", idle.result().firstError()).isEqualTo(100);
                assertThat(ProcessFiles.openFiles(echo.handle().pid())).isGreaterThanOrEqualTo(100);
            }
            assertThat(ProcessFiles.maxOpenFiles(echo.handle().pid())).isPositive();
            assertThat(ProcessMemory.isJvm(echo.handle())).isTrue();
            ProcessMemory.Snapshot s = ProcessMemory.snapshot(echo.handle());
            assertThat(s.rssBytes()).isGreaterThan(10L << 20);
            assertThat(s.heapBytes()).isPositive().isLessThan(s.rssBytes());
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("echo-server.log.stderr"));
            java.nio.file.Files.deleteIfExists(dir.resolve("echo-server.log"));
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
