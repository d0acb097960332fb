package io.jfrp.bench;

/**
 * One measured number.
 *
 * @param scenario       the scenario that measured it, e.g. "throughput"
 * @param metric         what was measured, e.g. "1 stream up"
 * @param path           the path it went through, e.g. "jfrp-mux-tls"
 * @param value          the number in {@code unit}
 * @param unit           e.g. "Gbit/s", "req/s", "ms"
 * @param higherIsBetter drives the direction of ratios in reports
 */
public record Figure(String scenario, String metric, String path, double value, String unit, boolean higherIsBetter) {
}
