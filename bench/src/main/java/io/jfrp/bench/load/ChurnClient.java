package io.jfrp.bench.load;

import io.jfrp.bench.Stats;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connection churn: each exchange is a new TCP connection (connect, write 32 bytes, read the 32
 * bytes echoed back, close), made back to back by {@code workers} threads for a duration. The
 * figure is exchanges per second; the latency of one exchange runs from the start of the connect to
 * the last echoed byte.
 *
 * <p>Blocking sockets, one thread per worker: each worker has at most one exchange open, so a few
 * threads are all it takes, and the client's cost per connection is two system calls more than the
 * kernel's minimum. The client closes first, so TIME_WAIT lands on its side; on loopback Linux
 * reuses those ports for new connections ({@code net.ipv4.tcp_tw_reuse} 1 or 2).
 */
public final class ChurnClient {
    /** Bytes written and expected back in each exchange. */
    public static final int EXCHANGE_BYTES = 32;

    /**
     * @param exchanges completed, verified exchanges in the measured time
     * @param errors    exchanges that failed (connect refused or timed out, wrong or short echo)
     */
    public record Result(long exchanges, double perSecond, Stats.Latency latency, long errors, String firstError) {
    }

    private ChurnClient() {
    }

    /**
     * Runs {@code workers} threads against {@code target} for {@code warmup} (not counted) and then
     * {@code duration}; each exchange times out after {@code timeout}.
     */
    public static Result run(InetSocketAddress target, int workers, Duration warmup, Duration duration, Duration timeout)
            throws InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Worker> all = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        for (int i = 0; i < workers; i++) {
            Worker w = new Worker(target, measureFrom, end, (int) timeout.toMillis(), firstError);
            all.add(w);
            w.thread.start();
        }
        Histogram total = Stats.nanosHistogram();
        long ok = 0;
        long errors = 0;
        for (Worker w : all) {
            w.thread.join();
            total.add(w.latency);
            ok += w.ok;
            errors += w.errors;
        }
        return new Result(ok, ok / (duration.toNanos() / 1e9), Stats.Latency.of(total), errors, firstError.get());
    }

    /** One thread making exchanges back to back. */
    private static final class Worker implements Runnable {
        private final InetSocketAddress target;
        private final long measureFrom;
        private final long end;
        private final int timeoutMillis;
        private final AtomicReference<String> firstError;
        private final Histogram latency = Stats.nanosHistogram();
        private final Thread thread;
        private long ok;
        private long errors;

        Worker(InetSocketAddress target, long measureFrom, long end, int timeoutMillis,
               AtomicReference<String> firstError) {
            this.target = target;
            this.measureFrom = measureFrom;
            this.end = end;
            this.timeoutMillis = timeoutMillis;
            this.firstError = firstError;
            this.thread = new Thread(this, "churn-worker");
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            byte[] out = new byte[EXCHANGE_BYTES];
            byte[] in = new byte[EXCHANGE_BYTES];
            for (;;) {
                long t0 = System.nanoTime();
                if (t0 >= end) {
                    return;
                }
                ThreadLocalRandom.current().nextBytes(out);
                String failure = exchange(target, out, in, timeoutMillis);
                long t1 = System.nanoTime();
                if (t0 < measureFrom) {
                    continue;
                }
                if (failure == null) {
                    ok++;
                    latency.recordValue(Math.min(t1 - t0, latency.getHighestTrackableValue()));
                } else {
                    errors++;
                    firstError.compareAndSet(null, failure);
                }
            }
        }

    }

    /** One exchange on a new connection ({@code out} sent, its echo read into {@code in}); null when it worked, else what went wrong. */
    public static String exchange(InetSocketAddress target, byte[] out, byte[] in, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(target, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(out);
            int n = socket.getInputStream().readNBytes(in, 0, in.length);
            if (n != in.length) {
                return "short echo from " + target + ": " + n + " of " + in.length + " bytes";
            }
            if (!Arrays.equals(in, out)) {
                return "echo from " + target + " differs from what was sent";
            }
            return null;
        } catch (IOException e) {
            return "exchange with " + target + " failed: " + e;
        }
    }
}
