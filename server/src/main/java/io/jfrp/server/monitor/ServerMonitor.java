package io.jfrp.server.monitor;

import io.jfrp.classpath.OptionalJars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything jfrps monitors, assembled once from the configuration, as frp's {@code NewService}
 * does: the {@link ClientRegistry} (always, since login conflicts depend on it), and when the web
 * server is on, the in-memory {@link ServerStatistics} (with its 12-hourly clean-up) and, with
 * {@code enablePrometheus}, {@link PrometheusMetrics}; {@link #metrics()} feeds all of them.
 *
 * <p>The server keeps one instance, calls {@link #metrics()} and {@link #jfrpMeters()} at its
 * events and {@link #clients()} at login, and closes it on shutdown.
 */
public final class ServerMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerMonitor.class);
    /** frp's clean-up period for statistics of long-offline proxies. */
    static final long CLEANUP_PERIOD_HOURS = 12;

    private final ClientRegistry clients;
    private final ServerStatistics statistics;
    private final PrometheusMetrics prometheus;
    private final ServerMetrics metrics;
    private final ScheduledExecutorService janitor;

    private ServerMonitor(Clock clock, boolean webServer, boolean prometheus) {
        this.clients = new ClientRegistry(clock);
        this.statistics = webServer ? new ServerStatistics(clock) : null;
        if (webServer && prometheus) {
            OptionalJars.require(); // Micrometer and Prometheus
        }
        this.prometheus = webServer && prometheus ? new PrometheusMetrics() : null;
        List<ServerMetrics> targets = new ArrayList<>();
        if (statistics != null) {
            targets.add(statistics);
        }
        if (this.prometheus != null) {
            targets.add(this.prometheus);
        }
        this.metrics = targets.isEmpty() ? ServerMetrics.NOOP : new CompositeMetrics(targets);
        if (statistics != null) {
            janitor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jfrp-stats-cleanup");
                t.setDaemon(true);
                return t;
            });
            janitor.scheduleAtFixedRate(this::cleanUp, CLEANUP_PERIOD_HOURS, CLEANUP_PERIOD_HOURS, TimeUnit.HOURS);
        } else {
            janitor = null;
        }
    }

    /**
     * The monitor for a server whose web server is on ({@code webServer.port} set) or not, with
     * Prometheus ({@code enablePrometheus}) or not; Prometheus needs the web server, as in frp.
     */
    public static ServerMonitor create(Clock clock, boolean webServerEnabled, boolean prometheusEnabled) {
        return new ServerMonitor(clock, webServerEnabled, prometheusEnabled);
    }

    private void cleanUp() {
        ServerStatistics.PruneResult r = statistics.clearExpired();
        log.debug("cleared statistics of {} of {} proxies offline for more than 7 days", r.cleared(), r.total());
    }

    /** The events sink: statistics and Prometheus, or nothing without a web server. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** The client registry; always present. */
    public ClientRegistry clients() {
        return clients;
    }

    /** The in-memory statistics, when the web server is on. */
    public Optional<ServerStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /** Prometheus, when enabled. */
    public Optional<PrometheusMetrics> prometheus() {
        return Optional.ofNullable(prometheus);
    }

    /** jfrp's own meters: on the Prometheus registry, else counting nothing. */
    public JfrpMeters jfrpMeters() {
        return prometheus == null ? JfrpMeters.NOOP : prometheus.jfrpMeters();
    }

    @Override
    public void close() {
        if (janitor != null) {
            janitor.shutdownNow();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }
}
