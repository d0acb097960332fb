package io.jfrp.e2e.multi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A long stream of requests from a few threads, each request timed and its outcome kept, until
 * {@link #stop}. Bounded: at most {@code maxRequests} in all.
 */
final class RequestStream implements AutoCloseable {
    /** One request: when it started and ended (System.nanoTime), and what it saw. */
    record Sample(long startNanos, long endNanos, HashedRequest.Outcome outcome) {
    }

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong seeds = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    RequestStream(int threadCount, long maxRequests, LongFunction<HashedRequest.Outcome> request) {
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(() -> {
                while (!stopped) {
                    long seed = seeds.getAndIncrement();
                    if (seed >= maxRequests) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    HashedRequest.Outcome o = request.apply(seed);
                    samples.add(new Sample(t0, System.nanoTime(), o));
                }
            }, "request-stream-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** Requests completed so far. */
    long completed() {
        return samples.size();
    }

    /** Stops issuing, waits for the requests in flight, and returns every sample. */
    List<Sample> stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
        return new ArrayList<>(samples);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
