package io.jfrp.bench;

/**
 * One measured number: {@code value} in {@code unit} (e.g. "Gbit/s") of {@code metric} (e.g. "1 stream
 * up") through {@code path} in {@code scenario}; {@code higherIsBetter} drives the reports' ratios.
 */
public record Figure(String scenario, String metric, String path, double value, String unit, boolean higherIsBetter) {
}
