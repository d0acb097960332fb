package io.jfrp.bench;

import io.jfrp.bench.mux.MuxMemoryScenario;
import io.jfrp.bench.mux.MuxThroughputScenario;
import io.jfrp.bench.scenarios.ChurnScenario;
import io.jfrp.bench.scenarios.FailoverScenario;
import io.jfrp.bench.scenarios.HighLatencyScenario;
import io.jfrp.bench.scenarios.HttpLatencyScenario;
import io.jfrp.bench.scenarios.HttpRpsScenario;
import io.jfrp.bench.scenarios.IperfScenario;
import io.jfrp.bench.scenarios.Scale100kScenario;
import io.jfrp.bench.scenarios.ScaleScenario;
import io.jfrp.bench.scenarios.ClientsScenario;
import io.jfrp.bench.scenarios.MemoryScenario;
import io.jfrp.bench.scenarios.StartupScenario;
import io.jfrp.bench.scenarios.TransportsScenario;

import java.util.List;

/**
 * Every scenario of {@code bin/jfrp-bench}, in report order. Adding a scenario is one class
 * extending {@link Scenario} and one line here.
 */
public final class ScenarioRegistry {
    private static final List<Scenario> ALL = List.of(IperfScenario.throughput(), new HttpRpsScenario(),
            new HttpLatencyScenario(), new StartupScenario(), new MemoryScenario(), new ChurnScenario(),
            new ScaleScenario(), new ClientsScenario(),
            IperfScenario.udp(), IperfScenario.stcp(), IperfScenario.xtcp(), new HighLatencyScenario(),
            new MuxThroughputScenario(), new MuxMemoryScenario(), new TransportsScenario(),
            new FailoverScenario(), new Scale100kScenario());

    private ScenarioRegistry() {
    }

    public static List<Scenario> all() {
        return ALL;
    }
}
