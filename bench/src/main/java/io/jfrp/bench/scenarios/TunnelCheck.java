package io.jfrp.bench.scenarios;

import io.jfrp.bench.load.ChurnClient;
import io.jfrp.bench.paths.Net;

import java.nio.ByteBuffer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Checks tunnels to an echo service: for each public port on 127.0.0.1, a connection that sends 8
 * bytes and must get them back ({@link ChurnClient#exchange}). A port that refuses or answers wrong is
 * tried again every 100 ms (its client may still be logging in) for up to its own bound, counted from
 * when its check starts, so that slow tunnels checked first do not use up the time of those queued
 * behind them; an overall cap ends every check.
 */
final class TunnelCheck {
    private static final int THREADS = 8;
    private static final long RETRY_MILLIS = 100;
    private static final int ATTEMPT_MILLIS = 5000;

    record Result(int ok, int failed, double seconds, String firstError) {
        /** This check followed by {@code next}: their counts and times added, the first error of either. */
        Result plus(Result next) {
            return new Result(ok + next.ok, failed + next.failed, seconds + next.seconds,
                    firstError != null ? firstError : next.firstError);
        }
    }

    /** One attempt at {@code port} bounded by {@code timeoutMillis}: null when it worked, else what went wrong. */
    @FunctionalInterface
    interface Attempt {
        String check(int port, int timeoutMillis);
    }

    private TunnelCheck() {
    }

    /**
     * Checks every port of {@code ports}, 8 at a time, each for up to {@code perTunnel} and all of them
     * within {@code cap}; checks end early when {@code serverAlive} turns false.
     */
    static Result run(List<Integer> ports, Duration perTunnel, Duration cap, BooleanSupplier serverAlive)
            throws InterruptedException {
        return run(ports, perTunnel, cap, serverAlive, TunnelCheck::echo);
    }

    static Result run(List<Integer> ports, Duration perTunnel, Duration cap, BooleanSupplier serverAlive,
                      Attempt attempt) throws InterruptedException {
        long start = System.nanoTime();
        long capEnd = start + cap.toNanos();
        AtomicInteger ok = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int port : ports) {
                pool.execute(() -> {
                    String error = check(port, Math.min(System.nanoTime() + perTunnel.toNanos(), capEnd),
                            serverAlive, attempt);
                    if (error == null) {
                        ok.incrementAndGet();
                    } else {
                        firstError.compareAndSet(null, "port " + port + ": " + error);
                    }
                });
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(cap.toSeconds() + 30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        return new Result(ok.get(), ports.size() - ok.get(), (System.nanoTime() - start) / 1e9, firstError.get());
    }

    /** Tries {@code port} until it answers or {@code end} (nanoTime) passes: null when it answered, else why not. */
    private static String check(int port, long end, BooleanSupplier serverAlive, Attempt attempt) {
        String error = null;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return error != null ? error : "not tried: the overall cap was reached before its turn";
            }
            if (!serverAlive.getAsBoolean()) {
                return "the server exited" + (error != null ? "; last attempt: " + error : "");
            }
            error = attempt.check(port, (int) Math.min(ATTEMPT_MILLIS, left));
            if (error == null) {
                return null;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted; last attempt: " + error;
            }
        }
    }

    /** null when 8 bytes came back as sent, else what went wrong. */
    private static String echo(int port, int timeoutMillis) {
        byte[] sent = ByteBuffer.allocate(8).putLong(((long) port << 32) | System.nanoTime() & 0xffffffffL).array();
        return ChurnClient.exchange(new InetSocketAddress(Net.LOOPBACK, port), sent, new byte[8], timeoutMillis);
    }
}
