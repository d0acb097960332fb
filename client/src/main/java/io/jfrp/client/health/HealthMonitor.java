package io.jfrp.client.health;

import io.jfrp.config.model.proxy.HealthCheck;
import io.jfrp.config.model.proxy.ProxyBase;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Checks one proxy's local service over and over (OPERATIONS.md section 6), and tells its
 * {@link Listener} when the service becomes healthy or unhealthy, which takes the proxy onto or off
 * the server.
 *
 * <h3>Schedule and state</h3>
 * The first check runs at once; each next one {@code intervalSeconds} after the previous ended; each
 * is bounded by {@code timeoutSeconds}. A monitored proxy starts unhealthy. The first passing check
 * makes it healthy ({@code "[name] health check success"}); {@code maxFailed} failed checks in a row
 * make it unhealthy again ({@code "[name] health check failed"}), and so on.
 *
 * <h3>Unlike frp</h3>
 * frp counts failures since the monitor started and never resets the count, so after the first
 * outage a single failed check takes the proxy down, whatever maxFailed says. Here a passing check
 * resets the count: maxFailed always means failures in a row.
 *
 * <p>Confined to one event loop: checks, results and the listener's calls run there.
 */
public final class HealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    /** Told when the state changes; on the monitor's event loop. */
    public interface Listener {
        /** The service passed after failing (or for the first time). */
        void healthy();

        /** The service failed maxFailed checks in a row after being healthy. */
        void unhealthy();
    }

    /**
     * How often the service is checked ({@code interval} after the previous check ended), and how many
     * failed checks in a row make it unhealthy.
     */
    record Schedule(Duration interval, int maxFailed) {
        Schedule {
            if (interval.isNegative() || interval.isZero() || maxFailed < 1) {
                throw new IllegalArgumentException("health check every " + interval + ", maxFailed " + maxFailed
                        + ": want a positive interval and maxFailed of at least 1");
            }
        }

        /** Whether {@code failures} failed checks in a row make a healthy service unhealthy. */
        boolean unhealthyAfter(int failures) {
            return failures >= maxFailed;
        }
    }

    private final String name;
    private final HealthProbe probe;
    private final Schedule schedule;
    private final EventLoop loop;
    private final Listener listener;
    private boolean healthy;
    private int failures;
    private boolean stopped;
    private ScheduledFuture<?> next;

    HealthMonitor(String name, HealthProbe probe, Duration interval, int maxFailed, EventLoop loop, Listener listener) {
        this.name = name;
        this.probe = probe;
        this.schedule = new Schedule(interval, maxFailed);
        this.loop = loop;
        this.listener = listener;
    }

    /**
     * The monitor of a proxy, or null when it has no health check: {@code healthCheck.type} unset, or
     * no localPort (a plugin serves it), as in frp.
     *
     * @param name the proxy's name, for log lines
     */
    public static HealthMonitor of(String name, ProxyBase proxy, Class<? extends SocketChannel> socketChannel,
                                   EventLoop loop, Listener listener) {
        HealthCheck c = proxy.healthCheck();
        if (!c.enabled() || proxy.localPort() == 0) {
            return null;
        }
        Duration timeout = Duration.ofSeconds(c.timeoutSeconds());
        HealthProbe probe = c.type().equals("http")
                ? new HttpProbe(socketChannel, proxy.localIP(), proxy.localPort(), c.path(), c.httpHeaders(), timeout)
                : new TcpProbe(socketChannel, proxy.localIP(), proxy.localPort(), timeout);
        return new HealthMonitor(name, probe, Duration.ofSeconds(c.intervalSeconds()), c.maxFailed(), loop, listener);
    }

    /** Starts checking. */
    public void start() {
        loop.execute(this::check);
    }

    /** Stops checking; nothing more reaches the listener. Any thread. */
    public void stop() {
        loop.execute(() -> {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    private void check() {
        if (stopped) {
            return;
        }
        probe.check(loop).addListener(f -> {
            if (stopped) {
                return;
            }
            if (f.isSuccess()) {
                failures = 0;
                if (!healthy) {
                    healthy = true;
                    log.info("[{}] health check success", name);
                    listener.healthy();
                }
            } else {
                failures++;
                log.debug("[{}] one health check failed ({} in a row): {}", name, failures, f.cause().toString());
                if (healthy && schedule.unhealthyAfter(failures)) {
                    healthy = false;
                    log.warn("[{}] health check failed", name);
                    listener.unhealthy();
                }
            }
            next = loop.schedule(this::check, schedule.interval().toMillis(), TimeUnit.MILLISECONDS);
        });
    }
}
