package io.jfrp.server.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * frp's Prometheus metrics (OPERATIONS.md section 3, frp's {@code pkg/metrics/prometheus}) on
 * Micrometer's Prometheus registry, plus JVM and process metrics and {@link JfrpMeters jfrp's own}.
 *
 * <h3>frp's series, names and labels exactly</h3>
 * {@code frp_server_client_counts} (gauge), {@code frp_server_proxy_counts{type}} (gauge),
 * {@code frp_server_proxy_counts_detailed{type,name}} (gauge, 1 while registered, then 0),
 * {@code frp_server_connection_counts{name,type}} (gauge), {@code frp_server_traffic_in{name,type}}
 * and {@code frp_server_traffic_out{name,type}} (counters). Series stay once created, as in Go's
 * client.
 *
 * <h3>Counter names</h3>
 * The Prometheus Java client (under Micrometer) always writes a counter as
 * {@code <name>_total}, the OpenMetrics rule; Go's client writes frp's counters as named. Dashboards
 * and alerts written for frp query {@code frp_server_traffic_in}, so {@link #scrape} renames the two
 * frp counter families back (their HELP, TYPE and sample lines) and leaves every other series,
 * including jfrp's own {@code *_total} counters, as the client wrote it. The output stays valid
 * text format 0.0.4 (promtool's linter notes the missing suffix, as it does for frp).
 *
 * <h3>JVM and process</h3>
 * Micrometer's binders under their usual names ({@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code process_cpu_usage}, {@code process_uptime_seconds},
 * {@code process_files_open_files}, {@code system_cpu_count}, ...), the JVM's counterpart of the
 * Go client's {@code go_*} and {@code process_*} series; {@code process_cpu_time_ns_total} is left
 * out (it duplicates {@code process_cpu_usage} in nanoseconds).
 *
 * <p>Thread-safe; the events are map look-ups and atomic adds.
 */
public final class PrometheusMetrics implements ServerMetrics, AutoCloseable {
    /** The text exposition format served at /metrics. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** frp's counter families, written without the {@code _total} the Java client appends. */
    static final List<String> FRP_COUNTERS = List.of("frp_server_traffic_in", "frp_server_traffic_out");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final AtomicLong clientCount = new AtomicLong();
    private final ConcurrentMap<GaugeKey, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final MicrometerJfrpMeters jfrpMeters;

    public PrometheusMetrics() {
        // process_cpu_time_ns_total duplicates process_cpu_usage in a unit Prometheus naming rejects.
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        Gauge.builder("frp_server_client_counts", clientCount, AtomicLong::get)
                .description("The current client counts of frps").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        jfrpMeters = new MicrometerJfrpMeters(registry);
    }

    /** jfrp's own meters on this registry. */
    public JfrpMeters jfrpMeters() {
        return jfrpMeters;
    }

    /** The registry, for meters of other parts of the server. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void clientLoggedIn(ClientSession client) {
        clientCount.incrementAndGet();
    }

    @Override
    public void clientGone(ClientSession client) {
        clientCount.decrementAndGet();
    }

    @Override
    public void proxyRegistered(ProxyRegistration proxy) {
        gauge("frp_server_proxy_counts", "The current proxy counts", Tags.of("type", proxy.type())).incrementAndGet();
        gauge("frp_server_proxy_counts_detailed", "The current number of proxies grouped by type and name",
                Tags.of("type", proxy.type(), "name", proxy.name())).incrementAndGet();
    }

    @Override
    public void proxyClosed(String name, String type) {
        gauge("frp_server_proxy_counts", "The current proxy counts", Tags.of("type", type)).decrementAndGet();
        gauge("frp_server_proxy_counts_detailed", "The current number of proxies grouped by type and name",
                Tags.of("type", type, "name", name)).decrementAndGet();
    }

    @Override
    public void userConnectionOpened(String name, String type) {
        connections(name, type).incrementAndGet();
    }

    @Override
    public void userConnectionClosed(String name, String type) {
        connections(name, type).decrementAndGet();
    }

    @Override
    public void trafficIn(String name, String type, long bytes) {
        Counter.builder("frp_server_traffic_in").description("The total in traffic").tags("name", name, "type", type)
                .register(registry).increment(bytes);
    }

    @Override
    public void trafficOut(String name, String type, long bytes) {
        Counter.builder("frp_server_traffic_out").description("The total out traffic").tags("name", name, "type", type)
                .register(registry).increment(bytes);
    }

    private AtomicLong connections(String name, String type) {
        return gauge("frp_server_connection_counts", "The current connection counts", Tags.of("name", name, "type", type));
    }

    /** The gauge {@code name} with {@code tags}, created at 0 on first use. */
    private AtomicLong gauge(String name, String help, Tags tags) {
        return gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(help).tags(tags).strongReference(true).register(registry);
            return value;
        });
    }

    private record GaugeKey(String name, Tags tags) {
    }

    /** Everything in the Prometheus text format 0.0.4, with frp's counter names (see the class javadoc). */
    public String scrape() {
        return frpCounterNames(registry.scrape());
    }

    static String frpCounterNames(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            out.append(renameLine(line)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String renameLine(String line) {
        for (String family : FRP_COUNTERS) {
            String written = family + "_total";
            for (String prefix : new String[]{"", "# HELP ", "# TYPE "}) {
                String start = prefix + written;
                if (line.startsWith(start) && line.length() > start.length()
                        && (line.charAt(start.length()) == ' ' || line.charAt(start.length()) == '{')) {
                    return prefix + family + line.substring(start.length());
                }
            }
        }
        return line;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
