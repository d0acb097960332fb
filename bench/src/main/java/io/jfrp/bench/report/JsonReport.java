package io.jfrp.bench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.jfrp.bench.Figure;
import io.jfrp.bench.Results;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * results.json, written by Jackson from records ({@link Report}): the run, every figure as measured, the
 * {@link Summary} rows, the goals and the notes. Non-finite numbers become null.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(double.class, new FiniteOrNull()));

    /** A scenario's status and the charts it drew. */
    record ScenarioEntry(String name, String status, String reason, List<String> charts) {
    }

    /** The file's top level, in this order. */
    record Report(String tool, String command, String mode, int rounds, double phaseSeconds, String startedAt,
                  String finishedAt, double durationSeconds, Map<String, Object> machine, Map<String, String> tools,
                  List<RunInfo.PathStatus> paths, List<ScenarioEntry> scenarios, List<Figure> figures,
                  List<Summary.Row> summary, List<Goals.Check> goals, List<String> notes) {
    }

    private JsonReport() {
    }

    public static String write(RunInfo info, Results results, Map<String, List<String>> charts) {
        List<Summary.Row> rows = Summary.of(results.figures());
        Report report = new Report("jfrp-bench", info.command(), info.mode(), info.rounds(), info.phaseSeconds(),
                info.started().toString(), info.finished().toString(), info.durationSeconds(), info.machine(),
                info.tools(), info.paths(), info.scenarios().stream().map(s -> new ScenarioEntry(s.name(), s.status(),
                s.reason(), charts.getOrDefault(s.name(), List.of()))).toList(), results.figures(), rows,
                Goals.check(rows), results.notes());
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write results.json", e);
        }
    }

    /** NaN and infinities (a figure not measured, a ratio to zero) are null in JSON. */
    private static final class FiniteOrNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    }
}
