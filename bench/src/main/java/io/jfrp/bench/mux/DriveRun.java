package io.jfrp.bench.mux;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives {@code streams} streams through a {@link StreamOpener}, at most {@code concurrency} at
 * once, each sending {@code bytesPerStream} bytes or sending for {@code sendSeconds}, and waits for
 * all to finish, bounded by {@code timeoutNanos}. The figure is end to end: a stream counts as
 * done only when the peer has half-closed after our FIN, i.e. after it has read every byte.
 */
final class DriveRun {
    /** What a run did. */
    static final class Summary {
        final int streams;
        final int failures;
        final long bytesSent;
        final long bytesReceived;
        final double seconds;
        final List<String> errors;

        Summary(int streams, int failures, long bytesSent, long bytesReceived, double seconds, List<String> errors) {
            this.streams = streams;
            this.failures = failures;
            this.bytesSent = bytesSent;
            this.bytesReceived = bytesReceived;
            this.seconds = seconds;
            this.errors = errors;
        }

        double megabytesPerSecond() {
            return seconds > 0 ? bytesSent / seconds / 1e6 : 0;
        }

        String line(String transport) {
            return String.format(Locale.ROOT,
                    "SUMMARY transport=%s streams=%d bytes=%d echoed=%d seconds=%.3f MBps=%.2f failures=%d",
                    transport, streams, bytesSent, bytesReceived, seconds, megabytesPerSecond(), failures);
        }
    }

    int streams = 1;
    int concurrency = Integer.MAX_VALUE;
    long bytesPerStream = 1 << 20;
    /** When positive, each stream sends for this long instead of {@link #bytesPerStream}. */
    double sendSeconds;
    boolean expectEcho = true;
    long seed = 1;
    int chunk = 16 * 1024;
    long timeoutNanos = TimeUnit.SECONDS.toNanos(600);

    Summary run(StreamOpener opener) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        long sendDeadline = sendSeconds > 0 ? start + (long) (sendSeconds * 1e9) : Long.MAX_VALUE;
        long bytesLimit = sendSeconds > 0 ? Long.MAX_VALUE : bytesPerStream;
        Semaphore permits = new Semaphore(Math.max(1, Math.min(concurrency, streams)));
        List<DriveStreamHandler> handlers = new ArrayList<>(streams);
        List<Channel> channels = new ArrayList<>(streams);
        List<String> errors = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < streams; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                failures += streams - i;
                errors.add((streams - i) + " streams never started: timeout");
                break;
            }
            DriveStreamHandler h = new DriveStreamHandler(i, bytesLimit, sendDeadline, expectEcho, seed, chunk);
            h.result.whenComplete((r, t) -> permits.release());
            handlers.add(h);
            Future<? extends Channel> f = opener.open(h);
            left = deadline - System.nanoTime();
            if (!f.await(Math.max(left, 0), TimeUnit.NANOSECONDS) || !f.isSuccess()) {
                h.fail(null, "could not open the stream: " + (f.cause() != null ? f.cause() : "timeout"));
                continue;
            }
            synchronized (channels) {
                channels.add(f.getNow());
            }
        }
        long bytesSent = 0;
        long bytesReceived = 0;
        long lastEnd = start;
        for (int i = 0; i < handlers.size(); i++) {
            DriveStreamHandler h = handlers.get(i);
            DriveStreamHandler.Result r;
            try {
                r = h.result.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                h.fail(null, "timeout after " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
                r = h.result.getNow(null);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            bytesSent += r.sent;
            bytesReceived += r.received;
            lastEnd = Math.max(lastEnd, r.endNanos);
            if (!r.ok()) {
                failures++;
                if (errors.size() < 20) {
                    errors.add("stream " + r.index + ": " + r.error);
                }
            }
        }
        synchronized (channels) {
            for (Channel ch : channels) {
                ch.close();
            }
        }
        return new Summary(streams, failures, bytesSent, bytesReceived, (lastEnd - start) / 1e9, errors);
    }
}
