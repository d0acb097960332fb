package io.jfrp.client.servers;

import io.jfrp.config.model.ServerAddress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLinkTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aLinkMovesThroughItsStatesAndCountsLoginsAndFailures() {
        StepClock clock = new StepClock();
        ServerLink link = new ServerLink(new ServerAddress("10.0.0.11", 7000, ""), clock);
        assertThat(link.status().state()).isEqualTo(LinkState.CONNECTING);
        assertThat(link.status().since()).isEqualTo(T0);

        clock.now = T0.plusSeconds(1);
        link.online("run-1");
        assertThat(link.isOnline()).isTrue();
        assertThat(link.status()).isEqualTo(new ServerLinkStatus(link.server(), LinkState.ONLINE, "run-1",
                T0.plusSeconds(1), "", 1, 0));

        clock.now = T0.plusSeconds(5);
        link.retrying("connection lost");
        clock.now = T0.plusSeconds(6);
        link.connecting();
        clock.now = T0.plusSeconds(7);
        link.retrying("connection refused");
        ServerLinkStatus s = link.status();
        assertThat(s.state()).isEqualTo(LinkState.RETRYING);
        assertThat(s.since()).isEqualTo(T0.plusSeconds(7));
        assertThat(s.lastError()).isEqualTo("connection refused");
        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.runId()).as("the last login's run id stays").isEqualTo("run-1");
        assertThat(link.isOnline()).isFalse();

        link.closed();
        link.online("run-2");
        assertThat(link.status().state()).as("closed is final").isEqualTo(LinkState.CLOSED);
    }

    @Test
    void theViewIsSnakeCaseJsonAndAnAlignedTable() {
        List<ServerLinkStatus> statuses = List.of(
                new ServerLinkStatus(new ServerAddress("10.0.0.11", 7000, ""), LinkState.ONLINE, "abc", T0, "", 1, 0),
                new ServerLinkStatus(new ServerAddress("::1", 7001, ""), LinkState.RETRYING, "def",
                        T0.plus(Duration.ofMillis(1500)), "connection lost", 2, 3));

        List<Map<String, Object>> json = ServerStatusView.json(statuses);
        assertThat(json.get(1)).containsExactly(Map.entry("addr", "[::1]:7001"), Map.entry("status", "retrying"),
                Map.entry("run_id", "def"), Map.entry("since", "2026-12-03T10:00:01.500Z"),
                Map.entry("err", "connection lost"), Map.entry("logins", 2L), Map.entry("failures", 3L));

        StringWriter out = new StringWriter();
        ServerStatusView.printTable(json, new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("""
                Server Status...

                Server          Status    RunID  Since                     Error
                10.0.0.11:7000  online    abc    2026-12-03T10:00:00Z
                [::1]:7001      retrying  def    2026-12-03T10:00:01.500Z  connection lost

                """);
    }
}
