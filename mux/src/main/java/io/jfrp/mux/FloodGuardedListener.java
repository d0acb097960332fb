package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Ticker;

/**
 * Puts the session's flood limits in front of its {@link YamuxFrameListener}: SYNs, RSTs and pings
 * the peer sends are counted per second ({@link FloodGuard}), and a peer over a limit ends the session
 * with a protocol error before the frame is acted on. A denial-of-service guard kept apart from the
 * protocol logic it protects, as Netty's HTTP/2 codec keeps its own.
 *
 * <p>Each flood is counted in {@link SessionMetrics}. Time comes from the event loop's ticker (the
 * system's nanosecond clock, or a test's). Event-loop confined.
 */
final class FloodGuardedListener implements YamuxFrameListener {
    private final YamuxFrameListener delegate;
    private final SessionMetrics metrics;
    private final FloodGuard syns;
    private final FloodGuard resets;
    private final FloodGuard pings;
    private final Ticker ticker;

    FloodGuardedListener(YamuxFrameListener delegate, YamuxConfig config, SessionMetrics metrics, Ticker ticker) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.ticker = ticker;
        long nowNanos = ticker.nanoTime();
        this.syns = new FloodGuard("SYN", config.maxSynsPerSecond(), nowNanos);
        this.resets = new FloodGuard("RST", config.maxResetsPerSecond(), nowNanos);
        this.pings = new FloodGuard("Ping", config.maxPingsPerSecond(), nowNanos);
    }

    @Override
    public boolean onDataHeader(int streamId, int flags, long length) throws YamuxException {
        checkStreamFlags(flags);
        return delegate.onDataHeader(streamId, flags, length);
    }

    @Override
    public void onData(int streamId, int flags, ByteBuf data) throws YamuxException {
        delegate.onData(streamId, flags, data);
    }

    @Override
    public void onWindowUpdate(int streamId, int flags, long delta) throws YamuxException {
        checkStreamFlags(flags);
        delegate.onWindowUpdate(streamId, flags, delta);
    }

    @Override
    public void onPing(int flags, long opaque) throws YamuxException {
        if (flags == YamuxFlags.SYN) {
            try {
                pings.acquire(ticker.nanoTime());
            } catch (YamuxException e) {
                metrics.pingFloods++;
                throw e;
            }
        }
        delegate.onPing(flags, opaque);
    }

    @Override
    public void onGoAway(YamuxErrorCode code) throws YamuxException {
        delegate.onGoAway(code);
    }

    /** A SYN counts as a new stream, a RST (on a frame without SYN) as a reset. */
    private void checkStreamFlags(int flags) throws YamuxException {
        if (YamuxFlags.has(flags, YamuxFlags.SYN)) {
            try {
                syns.acquire(ticker.nanoTime());
            } catch (YamuxException e) {
                metrics.synFloods++;
                throw e;
            }
        } else if (YamuxFlags.has(flags, YamuxFlags.RST)) {
            try {
                resets.acquire(ticker.nanoTime());
            } catch (YamuxException e) {
                metrics.resetFloods++;
                throw e;
            }
        }
    }
}
