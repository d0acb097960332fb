package io.jfrp.server.monitor;

import io.jfrp.testkit.PrometheusText;
import io.jfrp.testkit.Promtool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** frp's series with frp's names and labels, checked by promtool and by value. */
class PrometheusMetricsTest {
    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void frpSeriesHaveFrpsNamesLabelsAndValues() throws Exception {
        ClientSession alice = new ClientSession("r1", "alice", "laptop", "h", "0.70.0", "v1", "127.0.0.1");
        metrics.clientLoggedIn(alice);
        metrics.clientLoggedIn(new ClientSession("r2", "", "", "h", "0.70.0", "v1", "127.0.0.1"));
        metrics.clientGone(alice);
        metrics.proxyRegistered(new ProxyRegistration("alice.ssh", "tcp", "alice", "laptop", null));
        metrics.proxyRegistered(new ProxyRegistration("alice.web", "http", "alice", "laptop", null));
        metrics.proxyRegistered(new ProxyRegistration("bob.db", "tcp", "bob", "r2", null));
        metrics.proxyClosed("bob.db", "tcp");
        metrics.userConnectionOpened("alice.ssh", "tcp");
        metrics.userConnectionOpened("alice.ssh", "tcp");
        metrics.userConnectionOpened("alice.web", "http");
        metrics.userConnectionClosed("alice.web", "http");
        metrics.trafficIn("alice.web", "http", 1234);
        metrics.trafficOut("alice.web", "http", 56789);
        metrics.trafficIn("alice.web", "http", 1);
        metrics.jfrpMeters().muxStreamOpened();
        metrics.jfrpMeters().muxStreamOpened();
        metrics.jfrpMeters().muxStreamClosed();
        metrics.jfrpMeters().muxWindowStalled();
        metrics.jfrpMeters().closedBeforeAuth(JfrpMeters.PreAuthCloseReason.TIMEOUT);
        metrics.jfrpMeters().tlsHandshake(true);
        metrics.jfrpMeters().tlsHandshake(false);
        metrics.jfrpMeters().tlsHandshake(true);
        metrics.jfrpMeters().reload(false);

        String text = metrics.scrape();
        Map<String, Double> s = PrometheusText.samples(text);
        assertThat(s).containsEntry("frp_server_client_counts", 1.0)
                .containsEntry("frp_server_proxy_counts{type=\"tcp\"}", 1.0)
                .containsEntry("frp_server_proxy_counts{type=\"http\"}", 1.0)
                .containsEntry("frp_server_proxy_counts_detailed{name=\"alice.ssh\",type=\"tcp\"}", 1.0)
                .containsEntry("frp_server_proxy_counts_detailed{name=\"bob.db\",type=\"tcp\"}", 0.0)
                .containsEntry("frp_server_connection_counts{name=\"alice.ssh\",type=\"tcp\"}", 2.0)
                .containsEntry("frp_server_connection_counts{name=\"alice.web\",type=\"http\"}", 0.0)
                .containsEntry("frp_server_traffic_in{name=\"alice.web\",type=\"http\"}", 1235.0)
                .containsEntry("frp_server_traffic_out{name=\"alice.web\",type=\"http\"}", 56789.0)
                .containsEntry("jfrp_mux_streams_open", 1.0)
                .containsEntry("jfrp_mux_window_stalls_total", 1.0)
                .containsEntry("jfrp_connections_closed_before_auth_total{reason=\"timeout\"}", 1.0)
                .containsEntry("jfrp_connections_closed_before_auth_total{reason=\"auth_failed\"}", 0.0)
                .containsEntry("jfrp_tls_handshakes_total{result=\"ok\"}", 2.0)
                .containsEntry("jfrp_tls_handshakes_total{result=\"failed\"}", 1.0)
                .containsEntry("jfrp_reloads_total{result=\"failed\"}", 1.0);
        assertThat(text).contains("# TYPE frp_server_traffic_in counter\n", "# TYPE frp_server_client_counts gauge\n",
                "# HELP frp_server_traffic_out The total out traffic\n");
        assertThat(text).doesNotContain("frp_server_traffic_in_total", "frp_server_traffic_out_total");
        assertThat(s.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"))
                .anyMatch(k -> k.startsWith("process_cpu_usage"))
                .anyMatch(k -> k.startsWith("process_uptime_seconds"))
                .anyMatch(k -> k.startsWith("jvm_threads_live_threads"));

        Promtool.Result check = Promtool.checkMetrics(text);
        assertThat(Promtool.lintBeyondFrpsNames(check.output()))
                .as("promtool check metrics (exit %d):%n%s", check.exitCode(), check.output()).isEmpty();
        assertThat(check.output()).doesNotContain("error while linting").doesNotContain("parsing error");
    }

    @Test
    void renamingTouchesOnlyFrpsCounterFamilies() {
        String in = "# HELP frp_server_traffic_in_total The total in traffic\n"
                + "# TYPE frp_server_traffic_in_total counter\n"
                + "frp_server_traffic_in_total{name=\"a\",type=\"tcp\"} 3.0\n"
                + "frp_server_traffic_in_totally_else 1\n"
                + "jfrp_reloads_total{result=\"ok\"} 1.0\n";
        assertThat(PrometheusMetrics.frpCounterNames(in)).isEqualTo("# HELP frp_server_traffic_in The total in traffic\n"
                + "# TYPE frp_server_traffic_in counter\n"
                + "frp_server_traffic_in{name=\"a\",type=\"tcp\"} 3.0\n"
                + "frp_server_traffic_in_totally_else 1\n"
                + "jfrp_reloads_total{result=\"ok\"} 1.0\n");
    }
}
