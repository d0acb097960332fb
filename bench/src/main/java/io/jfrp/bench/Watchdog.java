package io.jfrp.bench;

import io.jfrp.bench.paths.Child;

import java.time.Duration;

/**
 * Bounds a whole run: when the time is up it kills every child process, lets the caller write what
 * it has (a partial report), and exits with status 3.
 */
final class Watchdog {
    private final Thread thread;

    private Watchdog(Thread thread) {
        this.thread = thread;
    }

    static Watchdog start(Duration limit, Runnable onTimeout) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            BenchLog.log("timeout: the run took more than " + limit.toSeconds() + " s; killing everything");
            Child.killAll();
            try {
                onTimeout.run();
            } finally {
                System.exit(3); // runs the shutdown hooks: children killed, netem link torn down
            }
        }, "jfrp-bench-watchdog");
        t.setDaemon(true);
        t.start();
        return new Watchdog(t);
    }

    void cancel() {
        thread.interrupt();
    }
}
