package io.jfrp.bench.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class TunnelCheckTest {
    private static final List<Integer> PORTS = IntStream.rangeClosed(1, 16).boxed().toList();

    /** Ports 1-8 never answer; 9-16 answer at once. */
    private static String firstHalfDead(int port, int timeoutMillis) {
        return port <= 8 ? "refused" : null;
    }

    @Test
    void slowTunnelsCheckedFirstLeaveTheOthersTheirOwnTime() throws Exception {
        // The eight dead ports fill all eight threads first; each gives up after its own 300 ms.
        TunnelCheck.Result r = TunnelCheck.run(PORTS, Duration.ofMillis(300), Duration.ofSeconds(30), () -> true,
                TunnelCheckTest::firstHalfDead);
        assertThat(r.ok()).isEqualTo(8);
        assertThat(r.failed()).isEqualTo(8);
        assertThat(r.firstError()).matches("port [1-8]: refused");
    }

    @Test
    void theOverallCapEndsEveryCheck() throws Exception {
        long start = System.nanoTime();
        TunnelCheck.Result r = TunnelCheck.run(PORTS, Duration.ofSeconds(30), Duration.ofMillis(500), () -> true,
                TunnelCheckTest::firstHalfDead);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.failed()).as("the dead ports fail at the cap; answering ones may or may not get a turn")
                .isBetween(8, 16);
        assertThat(r.ok() + r.failed()).isEqualTo(PORTS.size());
    }

    @Test
    void aTunnelWithNoTurnBeforeTheCapSaysSo() throws Exception {
        TunnelCheck.Result r = TunnelCheck.run(List.of(1), Duration.ofSeconds(1), Duration.ZERO, () -> true,
                (port, timeout) -> null);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.firstError()).isEqualTo("port 1: not tried: the overall cap was reached before its turn");
    }

    @Test
    void aDeadServerEndsTheChecksAtOnce() throws Exception {
        TunnelCheck.Result r = TunnelCheck.run(PORTS, Duration.ofSeconds(30), Duration.ofSeconds(30), () -> false,
                (port, timeout) -> null);
        assertThat(r.ok()).isZero();
        assertThat(r.firstError()).endsWith(": the server exited");
        assertThat(r.seconds()).isLessThan(20);
    }
}
