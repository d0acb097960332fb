package io.jfrp.bench.load;

import io.jfrp.bench.Results;
import io.jfrp.bench.Stats;
import org.HdrHistogram.ConcurrentHistogram;
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
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection churn: each exchange is a new TCP connection (connect, 32 bytes out and back, close), made
 * back to back by {@code workers} threads; latency runs from the connect to the last echoed byte.
 * Blocking sockets, one exchange open per thread: the client's cost per connection stays near the
 * kernel's minimum. The client closes first, so TIME_WAIT lands on its side, whose ports Linux reuses
 * on loopback ({@code net.ipv4.tcp_tw_reuse}).
 */
public final class ChurnClient {
    /** Bytes written and expected back in each exchange. */
    public static final int EXCHANGE_BYTES = 32;

    /**
     * @param exchanges        completed, verified exchanges in the measured time
     * @param errors           exchanges that failed (connect refused or timed out, wrong or short echo)
     * @param lastFailureNanos {@link System#nanoTime} when the last failed exchange ended, 0 when none failed
     */
    public record Result(long exchanges, double perSecond, Stats.Latency latency, long errors, String firstError,
                         long lastFailureNanos) {
        /** A note of the failed exchanges through {@code path}, if any. */
        public void noteErrors(Results results, String scenario, String path) {
            if (errors > 0) {
                results.note(scenario + ": " + path + ": " + errors + " failed exchanges (of " + (errors + exchanges)
                        + "), first: " + firstError);
            }
        }
    }

    private ChurnClient() {
    }

    /** {@code workers} threads against {@code target} for {@code warmup} (not counted), then {@code duration}. */
    public static Result run(InetSocketAddress target, int workers, Duration warmup, Duration duration, Duration timeout)
            throws InterruptedException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        AtomicReference<String> firstError = new AtomicReference<>();
        LongAdder errors = new LongAdder();
        LongAccumulator lastFailure = new LongAccumulator(Math::max, 0);
        Histogram latency = new ConcurrentHistogram(Stats.nanosHistogram()); // its settings, shared by the workers
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(() -> { // exchanges back to back, recorded once measuring
                byte[] out = new byte[EXCHANGE_BYTES];
                byte[] in = new byte[EXCHANGE_BYTES];
                for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
                    ThreadLocalRandom.current().nextBytes(out);
                    String failure = exchange(target, out, in, (int) timeout.toMillis());
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && failure == null) {
                        latency.recordValue(Math.min(t1 - t0, latency.getHighestTrackableValue()));
                    } else if (t0 >= measureFrom) {
                        errors.increment();
                        firstError.compareAndSet(null, failure);
                        lastFailure.accumulate(t1);
                    }
                }
            }, "churn-worker");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long ok = latency.getTotalCount();
        return new Result(ok, ok / (duration.toNanos() / 1e9), Stats.Latency.of(latency), errors.sum(),
                firstError.get(), lastFailure.get());
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
