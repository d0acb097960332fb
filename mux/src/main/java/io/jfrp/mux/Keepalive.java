package io.jfrp.mux;

import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The session's pings: keepalive, round-trip times, and pings the application asks for.
 *
 * <h3>Keepalive</h3>
 * A ping every {@link YamuxConfig#keepaliveInterval()} (none while the previous keepalive ping is
 * unanswered); a keepalive ping unanswered within {@link YamuxConfig#keepaliveTimeout()} ends the
 * session through {@link YamuxSession#onKeepaliveTimeout}. Other pings that time out only fail
 * their promise.
 *
 * <h3>Round-trip time</h3>
 * Every answer is a sample of the {@link RttEstimate}. Window auto-tuning uses its smallest recent
 * RTT; it asks for a fresh sample with {@link #requestRttSampleIfStale} while streams consume data.
 *
 * <p>Event-loop confined. Ping ids are 32-bit and wrap.
 */
final class Keepalive {
    private static final long RTT_SAMPLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final YamuxSession session;
    private final EventExecutor executor;
    private final FrameOutput output;
    private final YamuxConfig config;
    private final LongObjectMap<PendingPing> pings = new LongObjectHashMap<>();
    private ScheduledFuture<?> keepaliveTask;
    private boolean keepalivePending;
    private long nextPingId;
    /** A ping of {@link Purpose#RTT_SAMPLE} is unanswered: no other is sent. */
    private boolean rttPingInFlight;
    private final RttEstimate rtt = new RttEstimate();

    Keepalive(YamuxSession session, EventExecutor executor, FrameOutput output, YamuxConfig config) {
        this.session = session;
        this.executor = executor;
        this.output = output;
        this.config = config;
    }

    /** Starts the keepalive timer (when keepalive is on) and, for window tuning, asks for a first RTT. */
    void start(boolean wantRtt) {
        long interval = config.keepaliveInterval().toNanos();
        if (interval > 0) {
            keepaliveTask = executor.scheduleAtFixedRate(this::keepalive, interval, interval, TimeUnit.NANOSECONDS);
        }
        if (wantRtt) {
            requestRttSample();
        }
    }

    /** Cancels the timer and fails every pending ping with {@code cause}. */
    void stop(Throwable cause) {
        if (keepaliveTask != null) {
            keepaliveTask.cancel(false);
        }
        for (PendingPing ping : new ArrayList<>(pings.values())) {
            ping.cancel();
            if (ping.promise != null) {
                ping.promise.tryFailure(cause);
            }
        }
        pings.clear();
    }

    private void keepalive() {
        if (session.isClosing() || keepalivePending) {
            return;
        }
        keepalivePending = true;
        sendPing(null, Purpose.KEEPALIVE);
        output.flushIfNeeded();
    }

    /** Sends a ping whose answer completes {@code promise} with the RTT. */
    void ping(Promise<Duration> promise) {
        sendPing(promise, Purpose.REQUESTED);
        output.flushIfNeeded();
    }

    /** Asks for an RTT sample if the last one is older than half a second (for window tuning). */
    void requestRttSampleIfStale(long nowNanos) {
        if (rtt.isStale(nowNanos, RTT_SAMPLE_INTERVAL_NANOS)) {
            requestRttSample();
        }
    }

    private void requestRttSample() {
        if (!rttPingInFlight && !session.isClosing()) {
            rttPingInFlight = true;
            sendPing(null, Purpose.RTT_SAMPLE);
        }
    }

    private void sendPing(Promise<Duration> promise, Purpose purpose) {
        assert executor.inEventLoop();
        if (session.isClosing()) {
            if (promise != null) {
                promise.tryFailure(session.closedException());
            }
            return;
        }
        long id = nextPingId;
        nextPingId = (nextPingId + 1) & 0xFFFF_FFFFL;
        PendingPing ping = new PendingPing(System.nanoTime(), promise, purpose);
        pings.put(id, ping);
        ping.timeout = executor.schedule(() -> onTimeout(id, ping),
                config.keepaliveTimeout().toNanos(), TimeUnit.NANOSECONDS);
        output.writeControl(YamuxFrameType.PING, YamuxFlags.SYN, 0, id);
    }

    private void onTimeout(long id, PendingPing ping) {
        pings.remove(id);
        if (ping.purpose == Purpose.RTT_SAMPLE) {
            rttPingInFlight = false;
        }
        YamuxException e = YamuxException.sessionClosed(YamuxErrorCode.INTERNAL_ERROR,
                "no answer to ping %d within %s", id, config.keepaliveTimeout());
        if (ping.promise != null) {
            ping.promise.tryFailure(e);
        }
        if (ping.purpose == Purpose.KEEPALIVE) {
            session.onKeepaliveTimeout(e);
        }
    }

    /** The peer answered ping {@code opaque}; an answer to no ping of ours is ignored. */
    void onPingAck(long opaque) {
        assert executor.inEventLoop();
        PendingPing ping = pings.remove(opaque);
        if (ping == null) {
            return; // an answer to a ping that timed out, or not ours: nothing to do
        }
        ping.cancel();
        long now = System.nanoTime();
        long rttNanos = now - ping.sentNanos;
        rtt.add(rttNanos, now);
        if (ping.purpose == Purpose.RTT_SAMPLE) {
            rttPingInFlight = false;
        } else if (ping.purpose == Purpose.KEEPALIVE) {
            keepalivePending = false;
        }
        if (ping.promise != null) {
            ping.promise.trySuccess(Duration.ofNanos(rttNanos));
        }
    }

    /** The smallest recent RTT in nanoseconds, 0 before the first answer. */
    long minRttNanos() {
        return rtt.minNanos();
    }

    /** The smoothed RTT in nanoseconds, 0 before the first answer. */
    long smoothedRttNanos() {
        return rtt.smoothedNanos();
    }

    /** Why a ping was sent: what its answer or its timeout changes. */
    private enum Purpose {
        /** The keepalive timer's: unanswered, it ends the session. */
        KEEPALIVE,
        /** A fresh RTT for window tuning; one at a time. */
        RTT_SAMPLE,
        /** {@link YamuxSession#ping()}'s: its promise gets the RTT. */
        REQUESTED
    }

    private static final class PendingPing {
        final long sentNanos;
        /** Completed with the RTT; null but for {@link Purpose#REQUESTED}. */
        final Promise<Duration> promise;
        final Purpose purpose;
        ScheduledFuture<?> timeout;

        PendingPing(long sentNanos, Promise<Duration> promise, Purpose purpose) {
            this.sentNanos = sentNanos;
            this.promise = promise;
            this.purpose = purpose;
        }

        void cancel() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
