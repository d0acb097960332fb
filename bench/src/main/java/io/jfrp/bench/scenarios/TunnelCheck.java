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
 * tried again every 100 ms (its client may still be logging in) until the deadline.
 */
final class TunnelCheck {
    record Result(int ok, int failed, double seconds, String firstError) {
        /** This check followed by {@code next}: their counts and times added, the first error of either. */
        Result plus(Result next) {
            return new Result(ok + next.ok, failed + next.failed, seconds + next.seconds,
                    firstError != null ? firstError : next.firstError);
        }
    }

    private TunnelCheck() {
    }

    static Result run(List<Integer> ports, Duration deadline, BooleanSupplier serverAlive) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        AtomicInteger ok = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int port : ports) {
                pool.execute(() -> {
                    String error = null;
                    while (System.nanoTime() < end && serverAlive.getAsBoolean()) {
                        error = echo(port);
                        if (error == null) {
                            ok.incrementAndGet();
                            return;
                        }
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    firstError.compareAndSet(null, "port " + port + ": " + error);
                });
            }
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(deadline.toSeconds() + 30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        return new Result(ok.get(), ports.size() - ok.get(), (System.nanoTime() - start) / 1e9, firstError.get());
    }

    /** null when 8 bytes came back as sent, else what went wrong. */
    private static String echo(int port) {
        byte[] sent = ByteBuffer.allocate(8).putLong(((long) port << 32) | System.nanoTime() & 0xffffffffL).array();
        return ChurnClient.exchange(new InetSocketAddress(Net.LOOPBACK, port), sent, new byte[8], 5000);
    }
}
