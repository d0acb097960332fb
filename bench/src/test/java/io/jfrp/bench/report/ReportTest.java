package io.jfrp.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTest {
    @TempDir
    Path dir;

    /** Two rounds of throughput through three paths, one round of latency (lower is better) through two. */
    private static Results results() {
        Results r = new Results();
        r.add(new Figure("throughput", "1 stream upload", "direct", 20, "Gbit/s", true));
        r.add(new Figure("throughput", "1 stream upload", "jfrp-mux-tls", 7, "Gbit/s", true));
        r.add(new Figure("throughput", "1 stream upload", "ssh-R", 5, "Gbit/s", true));
        r.add(new Figure("throughput", "1 stream upload", "direct", 22, "Gbit/s", true));
        r.add(new Figure("throughput", "1 stream upload", "jfrp-mux-tls", 8, "Gbit/s", true));
        r.add(new Figure("http-latency", "p99 at 1000 req/s", "direct", 100, "µs", false));
        r.add(new Figure("http-latency", "p99 at 1000 req/s", "jfrp-mux-tls", 250, "µs", false));
        r.note("ssh-R: one round failed");
        return r;
    }

    private static RunInfo info() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", 2);
        return new RunInfo("bin/jfrp-bench --quick", "quick", 2, 3, Instant.parse("2026-11-24T20:00:00Z"),
                Instant.parse("2026-11-24T20:03:30Z"), machine, Map.of("iperf3", "iperf 3.12"),
                List.of(new RunInfo.PathStatus("direct", true, List.of()),
                        new RunInfo.PathStatus("frp-mux-tls", false, List.of("frps and frpc"))),
                List.of(new RunInfo.ScenarioStatus("throughput", "ran", "60 s")));
    }

    @Test
    void summaryTakesMediansAndRatiosToDirectAndJfrp() {
        List<Summary.Row> rows = Summary.of(results().figures());

        assertThat(rows).extracting(Summary.Row::path).containsExactly("direct", "jfrp-mux-tls", "ssh-R", "direct",
                "jfrp-mux-tls");
        Summary.Row jfrp = rows.get(1);
        assertThat(jfrp.values()).containsExactly(7.0, 8.0);
        assertThat(jfrp.median()).isEqualTo(7.5);
        assertThat(jfrp.ratioToDirect()).isCloseTo(7.5 / 21, within(1e-12));
        assertThat(jfrp.ratioToJfrp()).isEqualTo(1.0);
        assertThat(rows.get(2).ratioToJfrp()).isCloseTo(5 / 7.5, within(1e-12));
        // lower is better: still path / reference
        assertThat(rows.get(4).ratioToDirect()).isEqualTo(2.5);
    }

    @Test
    void jsonCarriesTheRunEveryFigureAndEveryMedianWithItsRatios() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.write(info(), results(),
                Map.of("throughput", List.of("throughput.png"))));

        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("tool", "command", "mode", "rounds", "phaseSeconds", "startedAt",
                "finishedAt", "durationSeconds", "machine", "tools", "paths", "scenarios", "figures", "summary", "goals",
                "notes");
        assertThat(root.get("mode").asText()).isEqualTo("quick");
        assertThat(root.get("durationSeconds").asDouble()).isEqualTo(210.0);
        assertThat(root.get("tools").get("iperf3").asText()).isEqualTo("iperf 3.12");
        assertThat(root.get("paths").get(1).get("missing").get(0).asText()).isEqualTo("frps and frpc");
        assertThat(root.get("scenarios").get(0).get("charts").get(0).asText()).isEqualTo("throughput.png");
        assertThat(root.get("figures")).hasSize(7);
        JsonNode f = root.get("figures").get(0);
        assertThat(f.get("scenario").asText()).isEqualTo("throughput");
        assertThat(f.get("higherIsBetter").asBoolean()).isTrue();

        JsonNode s = root.get("summary").get(1);
        List<String> sk = new ArrayList<>();
        s.fieldNames().forEachRemaining(sk::add);
        assertThat(sk).containsExactly("scenario", "metric", "path", "unit", "higherIsBetter", "rounds", "values",
                "median", "min", "max", "ratioToDirect", "ratioToJfrpMuxTls");
        assertThat(s.get("path").asText()).isEqualTo("jfrp-mux-tls");
        assertThat(s.get("rounds").asInt()).isEqualTo(2);
        assertThat(s.get("median").asDouble()).isEqualTo(7.5);
        assertThat(s.get("min").asDouble()).isEqualTo(7.0);
        assertThat(s.get("max").asDouble()).isEqualTo(8.0);
        assertThat(s.get("ratioToDirect").asDouble()).isCloseTo(0.357, within(1e-3));
        assertThat(s.get("ratioToJfrpMuxTls").asDouble()).isEqualTo(1.0);
        assertThat(root.get("notes").get(0).asText()).isEqualTo("ssh-R: one round failed");
    }

    @Test
    void markdownHasATablePerScenarioWithValuesAndRatios() {
        String md = Markdown.report(info(), results(), Map.of("throughput", List.of("throughput.png")));

        assertThat(md).contains("## throughput\n\n"
                + "| path | 1 stream upload (Gbit/s ↑) |\n"
                + "|---|---:|\n"
                + "| direct | 21.0 [20.0–22.0] (1.00 d, 2.80 j) |\n"
                + "| jfrp-mux-tls | 7.50 [7.00–8.00] (0.36 d, 1.00 j) |\n"
                + "| ssh-R | 5.00 (0.24 d, 0.67 j) |\n"
                + "\n![throughput](throughput.png)\n");
        assertThat(md).contains("| path | p99 at 1000 req/s (µs ↓) |\n|---|---:|\n"
                + "| direct | 100 (1.00 d, 0.40 j) |\n| jfrp-mux-tls | 250 (2.50 d, 1.00 j) |\n");
        assertThat(md).contains("| one stream through tcpMux+TLS ≥ 1.5× ssh -R | 1 stream upload | met | "
                + "jfrp-mux-tls / ssh-R = 7.50 / 5.00 = 1.50 (goal ≥ 1.50), medians of 2 / 1 rounds: 7.00–8.00 / 5.00 |");
        assertThat(md).contains("| one stream through tcpMux+TLS ≥ 3× stock frp's | 1 stream upload "
                + "| not measured | frp-mux-tls has no figure |");
        assertThat(md).contains("| one stream through tcpMux+TLS ≥ 0.5× direct | 1 stream upload | not met | "
                + "jfrp-mux-tls / direct = 7.50 / 21.0 = 0.36 (goal ≥ 0.50), medians of 2 / 2 rounds: 7.00–8.00 / "
                + "20.0–22.0; short by 29% |");
        assertThat(md).contains("| p99 through the vhost within 1 ms of direct at 1,000 req/s | p99 at 1000 req/s "
                + "| not measured | jfrp-vhost-http has no figure |");
        assertThat(md).contains("- path frp-mux-tls: unavailable, missing frps and frpc\n");
        assertThat(md).contains("- ssh-R: one round failed\n");
    }

    @Test
    void chartsArePngFilesPerScenarioAndUnit() throws Exception {
        Map<String, List<String>> charts = Charts.write(Summary.of(results().figures()), dir);

        assertThat(charts).containsEntry("throughput", List.of("throughput.png"))
                .containsEntry("http-latency", List.of("http-latency.png"));
        byte[] png = Files.readAllBytes(dir.resolve("throughput.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
}
