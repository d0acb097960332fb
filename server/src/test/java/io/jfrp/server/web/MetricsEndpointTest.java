package io.jfrp.server.web;

import io.jfrp.testkit.Promtool;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics} over HTTP: behind the auth, parsed by promtool, values from the events the fixture sent. */
class MetricsEndpointTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    @Test
    void metricsCarryFrpsSeriesAndPassPromtool() throws Exception {
        try (DashboardFixture f = new DashboardFixture()) {
            assertThat(f.call("GET", "/metrics", false).statusCode()).isEqualTo(401);
            HttpResponse<String> r = f.call("GET", "/metrics", true);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");

            Map<String, Double> s = new LinkedHashMap<>();
            for (String line : r.body().split("\n")) {
                Matcher m = SAMPLE.matcher(line);
                if (!line.startsWith("#") && m.matches()) {
                    s.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
            // The fixture: 3 logins, 2 gone; 4 proxies, 2 closed; alice.ssh has 2 open connections.
            assertThat(s).containsEntry("frp_server_client_counts", 1.0)
                    .containsEntry("frp_server_proxy_counts{type=\"tcp\"}", 1.0)
                    .containsEntry("frp_server_proxy_counts{type=\"stcp\"}", 0.0)
                    .containsEntry("frp_server_proxy_counts_detailed{name=\"bob.db\",type=\"tcp\"}", 0.0)
                    .containsEntry("frp_server_proxy_counts_detailed{name=\"alice.web\",type=\"http\"}", 1.0)
                    .containsEntry("frp_server_connection_counts{name=\"alice.ssh\",type=\"tcp\"}", 2.0)
                    // counters keep every day's bytes, not only today's
                    .containsEntry("frp_server_traffic_in{name=\"alice.web\",type=\"http\"}", 18_000.0)
                    .containsEntry("frp_server_traffic_out{name=\"alice.web\",type=\"http\"}", 5_200_000.0)
                    .containsEntry("frp_server_traffic_in{name=\"bob.db\",type=\"tcp\"}", 5_500.0);

            Promtool.Result check = Promtool.checkMetrics(r.body());
            assertThat(Promtool.lintBeyondFrpsNames(check.output()))
                    .as("promtool (exit %d):%n%s", check.exitCode(), check.output()).isEmpty();
        }
    }

    @Test
    void noMetricsRouteWithoutPrometheus() throws Exception {
        try (DashboardFixture f = new DashboardFixture(true, false)) {
            assertThat(f.call("GET", "/metrics", true).statusCode()).isEqualTo(404);
            assertThat(f.call("GET", "/api/serverinfo", true).statusCode()).isEqualTo(200);
        }
    }
}
