package io.jfrp.bench;

import io.jfrp.bench.paths.Child;

import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Bounds a whole run: when the time is up it kills every child process, lets the caller write what
 * it has (a partial report), and exits with status 3. Cancel the returned timer when the run ends.
 */
final class Watchdog {
    private Watchdog() {
    }

    static Timer start(Duration limit, Runnable onTimeout) {
        Timer timer = new Timer("jfrp-bench-watchdog", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                BenchLog.log("timeout: the run took more than " + limit.toSeconds() + " s; killing everything");
                Child.killAll();
                try {
                    onTimeout.run();
                } finally {
                    System.exit(3); // runs the shutdown hooks: children killed, netem link torn down
                }
            }
        }, limit.toMillis());
        return timer;
    }
}
