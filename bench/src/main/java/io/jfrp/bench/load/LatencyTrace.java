package io.jfrp.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One line per answered request of a fixed-rate run, for finding what the slow ones have in common:
 * {@code DUE_MICROS CONNECTION LATENCY_MICROS}, the due time as wall-clock microseconds since the
 * epoch (the clock of {@code -Xlog:...:time} decorations and of other programs' logs), the connection's
 * index, and the latency from the due time. Written when the run ends to
 * {@code DIR/trace-PORT-STARTMILLIS.txt}. Confined to the load client's event loop.
 *
 * <p>Switched on by the system property {@value #PROPERTY} (the directory) of the harness JVM:
 * {@code JAVA_OPTS="-Xmx2g -Djfrp.bench.trace=DIR" bin/jfrp-bench ...}.
 */
final class LatencyTrace {
    /** The system property naming the directory the traces go to. */
    static final String PROPERTY = "jfrp.bench.trace";

    private final Path file;
    private final long startNanos;
    private final long startWallMicros;
    private final StringBuilder lines = new StringBuilder(1 << 16);

    /**
     * @param startNanos the {@link System#nanoTime()} at which the run's schedule starts, possibly
     *                   ahead of now; its wall-clock time is worked out from now
     */
    private LatencyTrace(Path dir, int port, long startNanos) {
        Instant now = Instant.now();
        long nowNanos = System.nanoTime();
        this.startNanos = startNanos;
        this.startWallMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000
                + (startNanos - nowNanos) / 1000;
        this.file = dir.resolve("trace-" + port + "-" + startWallMicros / 1000 + ".txt");
    }

    /** A trace of the run to {@code port} starting at {@code startNanos}, or null when tracing is off. */
    static LatencyTrace ifEnabled(int port, long startNanos) {
        String dir = System.getProperty(PROPERTY);
        return dir == null || dir.isBlank() ? null : new LatencyTrace(Path.of(dir), port, startNanos);
    }

    void record(long dueNanos, int connection, long latencyNanos) {
        lines.append(startWallMicros + (dueNanos - startNanos) / 1000).append(' ').append(connection).append(' ')
                .append(latencyNanos / 1000).append('\n');
    }

    /** Writes the lines recorded; returns the file. */
    Path write() throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, lines);
    }
}
